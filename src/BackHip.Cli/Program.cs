using System.CommandLine;
using System.Text.Json;
using BackHip.Cli;
using BackHip.Domain;
using Spectre.Console;

// backhip: the command-line face of BackHip.Domain. Decision support and education only; not a medical device.
// Redirected output (files, pipes, tests) gets plain text: no escape codes, no colour, and tables wide enough that
// nothing wraps or cuts an id.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(Console.Out),
    });
    AnsiConsole.Profile.Width = 4096;
}

var root = new RootCommand("BackHip.Domain command-line tool: assess cases, list the knowledge base, explain a differential, run an interview. Decision support and education only; not a medical device.");
root.Subcommands.Add(Commands.Assess());
root.Subcommands.Add(Commands.Interview());
root.Subcommands.Add(Commands.Explain());
root.Subcommands.Add(Commands.Evaluate());
root.Subcommands.Add(SearchCommand.Create());
root.Subcommands.Add(Commands.Listing("conditions", "List the conditions and their ids."));
root.Subcommands.Add(Commands.Listing("findings", "List the findings (with their questions) and their ids."));
root.Subcommands.Add(Commands.Listing("exercises", "List the exercise catalog."));
root.Subcommands.Add(Commands.Listing("rules", "List the red-flag rules."));
// Every command fails with one line on stderr and a non-zero exit code, never a stack trace.
try
{
    var parse = root.Parse(args);
    if (parse.Errors.Count == 0 && parse.CommandResult.Command.Name == "interview" && parse.GetValue<FileInfo?>("--answers") is { } answers)
    {
        // An answers file is checked whole before the interview starts, so every problem is named at once.
        var problems = AnswersFile.Problems(File.ReadAllText(answers.FullName), KnowledgeBase.Default);
        if (problems.Count > 0)
        {
            await Console.Error.WriteLineAsync($"backhip interview: {answers.Name}: {string.Join("; ", problems)}");
            return 2;
        }
    }

    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
{
    await Console.Error.WriteLineAsync($"backhip: {OneLine(ex.Message)}");
    return 2;
}
catch (BackHipValidationException ex)
{
    await Console.Error.WriteLineAsync($"backhip: {OneLine(string.Join("; ", ex.Problems.Select(p => p.ToString())))}");
    return 2;
}
catch (JsonException ex)
{
    await Console.Error.WriteLineAsync($"backhip: the input is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
    return 2;
}
#pragma warning disable CA1031 // The last line of defence: any other failure is one line and exit code 3, never a stack trace.
catch (Exception ex)
#pragma warning restore CA1031
{
    await Console.Error.WriteLineAsync($"backhip: unexpected error: {OneLine(ex.Message)}");
    return 3;
}

static string OneLine(string text) => string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
