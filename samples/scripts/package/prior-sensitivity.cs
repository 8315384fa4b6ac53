#:package BackHip.Domain@*-*
// The same script over the BackHip.Domain package instead of the repository (the body below the header is kept
// identical to ../prior-sensitivity.cs by a test). Pack the library into the local feed this folder's nuget.config names, then run:
//   dotnet pack src/BackHip.Domain -o artifacts/packages -p:VersionSuffix=local.$(date +%s)
//   dotnet run samples/scripts/package/prior-sensitivity.cs
// With the package published to a feed you use, drop the nuget.config and pin a version: #:package BackHip.Domain@0.1.0
#:property PublishAot=false
// Sensitivity analysis: how the differential for one case moves when one condition's prior is scaled.
// Run: dotnet run samples/scripts/prior-sensitivity.cs [condition-id]   (default: lumbar-spinal-stenosis)
using System.Text.Json.Nodes;
using BackHip.Domain;
using BackHip.Domain.Differential;

var conditionId = args.Length > 0 ? args[0] : "lumbar-spinal-stenosis";
var patientCase = Case.For(68, Sex.Female)
    .Initial("pain-lower-back", "pain-thigh")
    .Present("worse-walking", "relieved-sitting", "bilateral-leg-pain", "leg-pain-worse-than-back")
    .Build();

Console.WriteLine($"Scaling the prior of {conditionId}; case: 68-year-old woman with leg pain on walking, relieved by sitting.");
Console.WriteLine("factor   prior      P(condition)   rank   top condition");
foreach (var factor in new[] { 0.25, 0.5, 1.0, 2.0, 4.0 })
{
    var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Likelihoods])!;
    var prior = node["priors"]!.AsArray().Single(p => (string)p!["condition"]! == conditionId)!;
    prior["prevalence"] = Math.Min(0.99, (double)prior["prevalence"]! * factor);
    var knowledge = KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Likelihoods, node.ToJsonString()));
    var ranked = new DifferentialEngine(knowledge).Score(patientCase).Ranked;
    var index = ranked.ToList().FindIndex(r => r.ConditionId == conditionId);
    Console.WriteLine($"{factor,6:0.##}   {(double)prior["prevalence"]!,-9:0.####}  {ranked[index].Probability,12:P1}   {index + 1,4}   {ranked[0].ConditionId}");
}
