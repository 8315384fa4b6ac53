#:project ../../src/BackHip.Domain/BackHip.Domain.csproj
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
