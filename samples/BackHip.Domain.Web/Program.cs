// A minimal web app over BackHip.Domain: a JSON API and a small page with the question flow, a triage banner,
// the differential as bars and the care plan. Run: dotnet run --project samples/BackHip.Domain.Web --urls http://127.0.0.1:5080
using System.Text;
using BackHip.Domain;
using BackHip.Domain.Differential;
using BackHip.Domain.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddBackHipDomain();
builder.Services.AddProblemDetails();
var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();

// Bad input is answered with ProblemDetails listing each problem (code, path, message).
static ProblemHttpResult Problem(BackHipValidationException ex) => TypedResults.Problem(
    title: "The case is invalid.",
    statusCode: StatusCodes.Status400BadRequest,
    extensions: new Dictionary<string, object?> { ["problems"] = ex.Problems.Select(p => new Dictionary<string, string?> { ["code"] = p.Code, ["path"] = p.Path, ["id"] = p.Id, ["message"] = p.Message }).ToList() });

app.MapPost("/assessments", async Task<Results<ContentHttpResult, ProblemHttpResult>> (HttpRequest request, IBackHipAssessor assessor) =>
{
    using var reader = new StreamReader(request.Body, Encoding.UTF8);
    var body = await reader.ReadToEndAsync();
    try
    {
        var assessment = assessor.Assess(BackHipJson.ReadCase(body, assessor.Knowledge));
        return TypedResults.Text(BackHipJson.WriteAssessment(assessment), "application/json");
    }
    catch (BackHipValidationException ex)
    {
        return Problem(ex);
    }
});

// The next question for a case (red flags first), for the page's question flow.
app.MapPost("/questions/next", async Task<Results<ContentHttpResult, ProblemHttpResult>> (HttpRequest request, IBackHipAssessor assessor, IQuestionSelector questions) =>
{
    using var reader = new StreamReader(request.Body, Encoding.UTF8);
    try
    {
        var patientCase = BackHipJson.ReadCase(await reader.ReadToEndAsync(), assessor.Knowledge);
        var asked = patientCase.Evidence.Count(e => !e.IsInitial);
        var stop = questions.ShouldStop(patientCase, asked, QuestionOptions.Default with { MaxQuestions = 12 });
        var next = stop.ShouldStop ? null : questions.Rank(patientCase, QuestionOptions.Default with { MaxProposals = 1 }).FirstOrDefault();
        var json = next is null ? "{\"done\":true}" : $"{{\"done\":false,\"findingId\":\"{next.FindingId}\",\"question\":{System.Text.Json.JsonSerializer.Serialize(next.Question, QuestionJson.Default.String)},\"redFlag\":{(next.IsRedFlagScreen ? "true" : "false")}}}";
        return TypedResults.Text(json, "application/json");
    }
    catch (BackHipValidationException ex)
    {
        return Problem(ex);
    }
});

app.MapGet("/conditions", (KnowledgeBase kb) => TypedResults.Text(BackHipJson.WriteConditions(kb), "application/json"));
app.MapGet("/findings", (KnowledgeBase kb) => TypedResults.Text(BackHipJson.WriteFindings(kb), "application/json"));
app.MapGet("/exercises", (KnowledgeBase kb) => TypedResults.Text(BackHipJson.WriteExercises(kb), "application/json"));
app.Run();

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class QuestionJson : System.Text.Json.Serialization.JsonSerializerContext;
