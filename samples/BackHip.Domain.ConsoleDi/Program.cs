// The minimal dependency-injection wiring and one assessment, read from and written as JSON.
// Run: dotnet run --project samples/BackHip.Domain.ConsoleDi
using BackHip.Domain;
using BackHip.Domain.Serialization;
using Microsoft.Extensions.DependencyInjection;

using var services = new ServiceCollection()
    .AddBackHipDomain(options => options.MaxConditions = 3)
    .BuildServiceProvider();

var assessor = services.GetRequiredService<IBackHipAssessor>();
var patientCase = BackHipJson.ReadCase("""
    {"schemaVersion":1,"profile":{"age":67,"sex":"female"},
     "evidence":[{"finding":"pain-lower-back","state":"present","initial":true},
                 {"finding":"long-term-corticosteroids","state":"present"},
                 {"finding":"cannot-lie-flat","state":"present"}]}
    """);
var assessment = assessor.Assess(patientCase);
Console.WriteLine($"Triage: {assessment.Triage.Level}");
Console.WriteLine($"Top condition: {assessment.Differential[0].ConditionId} ({assessment.Differential[0].Probability:P0})");
Console.WriteLine(BackHipJson.WriteAssessment(assessment)[..200] + "…");
