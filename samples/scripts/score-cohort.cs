#:project ../../src/BackHip.Domain/BackHip.Domain.csproj
#:property PublishAot=false
// Scores a cohort of cases from a JSON Lines file and prints a summary table.
// Run: dotnet run samples/scripts/score-cohort.cs [cases.jsonl]   (without a file it scores a small built-in cohort)
using BackHip.Domain;
using BackHip.Domain.Batch;
using BackHip.Domain.Serialization;

var assessor = BackHipAssessor.CreateDefault();
var lines = args.Length > 0 ? File.ReadLines(args[0]) : DemoCohort();
var items = assessor.AssessMany(lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => BackHipJson.ReadCase(l))).ToList();
var assessed = items.Where(i => i.IsSuccess).Select(i => i.Assessment!).ToList();

Console.WriteLine($"cases: {items.Count}, assessed: {assessed.Count}, invalid: {items.Count - assessed.Count}");
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
