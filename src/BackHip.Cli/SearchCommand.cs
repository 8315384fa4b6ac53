using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BackHip.Domain;
using Spectre.Console;

namespace BackHip.Cli;

/// <summary><c>backhip search "phrase"</c>: from words to finding and condition ids.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var phrase = new Argument<string>("phrase") { Description = "The words to look up, such as \"SLR +\", \"CVA tenderness\" or \"can't put weight on it\"." };
        var top = new Option<int>("--top") { Description = "How many results to show (1-50).", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "Write the results as JSON (kind, id, name, score, matchedOn)." };
        var command = new Command("search", "Find the findings and conditions a phrase means, to map a record column or a typed symptom onto ids.") { phrase, top, json };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(top);
            if (n is < 1 or > 50)
            {
                Console.Error.WriteLine("backhip search: --top must be between 1 and 50.");
                return 2;
            }

            var hits = KnowledgeBase.Default.Search(parse.GetValue(phrase) ?? string.Empty, n);
            if (parse.GetValue(json))
            {
                using var stream = Console.OpenStandardOutput();
                using var writer = new Utf8JsonWriter(stream);
                writer.WriteStartArray();
                foreach (var h in hits)
                {
                    writer.WriteStartObject();
                    writer.WriteString("kind", h.Kind == SearchHitKind.Finding ? "finding" : "condition");
                    writer.WriteString("id", h.Id);
                    writer.WriteString("name", h.Name);
                    writer.WriteNumber("score", h.Score);
                    writer.WriteString("matchedOn", h.MatchedOn);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.Flush();
                stream.WriteByte((byte)'\n');
                return 0;
            }

            if (hits.IsEmpty)
            {
                Console.Out.WriteLine("No finding or condition matches.");
                return 0;
            }

            var table = new Table().Border(TableBorder.Simple);
            table.AddColumns("kind", "id", "name", "score", "matched on");
            foreach (var h in hits)
            {
                table.AddRow(h.Kind.ToString(), Markup.Escape(h.Id), Markup.Escape(h.Name), h.Score.ToString("0.00", CultureInfo.InvariantCulture), Markup.Escape(h.MatchedOn));
            }

            table.Columns[1].NoWrap();
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
