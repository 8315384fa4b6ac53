#:package BackHip.Domain@*-*
// The same script over the BackHip.Domain package instead of the repository (the body below the header is kept
// identical to ../score-cohort.cs by a test). Pack the library into the local feed this folder's nuget.config names, then run:
//   dotnet pack src/BackHip.Domain -o artifacts/packages -p:VersionSuffix=local.$(date +%s)
//   dotnet run samples/scripts/package/score-cohort.cs
// With the package published to a feed you use, drop the nuget.config and pin a version: #:package BackHip.Domain@0.1.0
#:property PublishAot=false
// Scores a cohort of cases from a JSON Lines file and prints a summary table.
// Run: dotnet run samples/scripts/score-cohort.cs [cases.jsonl]   (without a file it scores a small built-in cohort)
// A bad line is reported as an error row (line number and problems) and the run goes on.
using BackHip.Domain;
using BackHip.Domain.Batch;

var assessor = BackHipAssessor.CreateDefault();
using TextReader input = args.Length > 0 ? new StreamReader(args[0]) : new StringReader(string.Join("\n", DemoCohort()));

// A bad line (not JSON, an unknown finding, a missing field) becomes an error row naming its line; the run goes on.
var assessed = new List<Assessment>();
var errors = new List<(long Line, string Problems)>();
await foreach (var item in assessor.AssessJsonLinesAsync(input))
{
    if (item.Assessment is { } assessment)
    {
        assessed.Add(assessment);
    }
    else
    {
        errors.Add((item.Line ?? 0, string.Join("; ", item.Problems)));
    }
}

Console.WriteLine($"cases: {assessed.Count + errors.Count}, assessed: {assessed.Count}, invalid: {errors.Count}");
foreach (var (line, problems) in errors)
{
    Console.WriteLine($"error  line {line}: {problems}");
}

if (assessed.Count == 0)
{
    return;
}

Console.WriteLine();
Console.WriteLine("triage level          cases   share");
foreach (var g in assessed.GroupBy(a => a.Triage.Level).OrderByDescending(g => g.Key))
{
    Console.WriteLine($"{g.Key,-20} {g.Count(),6}  {(double)g.Count() / assessed.Count,6:P0}");
}

Console.WriteLine();
Console.WriteLine("top condition                              cases   mean probability");
foreach (var g in assessed.GroupBy(a => a.Differential[0].ConditionId).OrderByDescending(g => g.Count()).Take(10))
{
    Console.WriteLine($"{g.Key,-40} {g.Count(),6}   {g.Average(a => a.Differential[0].Probability),6:P1}");
}

static IEnumerable<string> DemoCohort()
{
    string[] templates =
    [
        """{"schemaVersion":1,"profile":{"age":42,"sex":"male"},"evidence":[{"finding":"pain-lower-back","state":"present","initial":true},{"finding":"pain-below-knee","state":"present"},{"finding":"slr-positive","state":"present"}]}""",
        """{"schemaVersion":1,"profile":{"age":31,"sex":"female"},"evidence":[{"finding":"pain-lower-back","state":"present","initial":true},{"finding":"onset-sudden-lifting","state":"present"}]}""",
        """{"schemaVersion":1,"profile":{"age":72,"sex":"male"},"evidence":[{"finding":"bilateral-leg-pain","state":"present","initial":true},{"finding":"relieved-leaning-forward","state":"present"},{"finding":"worse-walking","state":"present"}]}""",
        """{"schemaVersion":1,"profile":{"age":66,"sex":"female"},"evidence":[{"finding":"pain-groin","state":"present","initial":true},{"finding":"sutlive-cluster-positive","state":"present"}]}""",
        """{"schemaVersion":1,"profile":{"age":45,"sex":"male"},"evidence":[{"finding":"pain-lower-back","state":"present","initial":true},{"finding":"saddle-numbness","state":"present"}]}""",
    ];
    for (var i = 0; i < 200; i++)
    {
        yield return templates[i % templates.Length];
    }
}
