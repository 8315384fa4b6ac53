using System.CommandLine;
using BackHip.Cli;
using BackHip.Domain;
using Spectre.Console;

// backhip: the command-line face of BackHip.Domain. Decision support and education only; not a medical device.
// Redirected output (files, pipes, tests) gets wide tables instead of wrapping at 80 columns.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 240;
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
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
{
    await Console.Error.WriteLineAsync($"backhip: {ex.Message}");
    return 2;
}
catch (BackHipValidationException ex)
{
    await Console.Error.WriteLineAsync($"backhip: {string.Join("; ", ex.Problems.Select(p => p.ToString()))}");
    return 2;
}
