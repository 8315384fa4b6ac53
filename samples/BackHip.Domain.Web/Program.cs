// A minimal web app over BackHip.Domain: a JSON API and a small page with the question flow, a triage banner,
// the differential as bars and the care plan. Run: dotnet run --project samples/BackHip.Domain.Web --urls http://127.0.0.1:5080
using BackHip.Domain;
using BackHip.Domain.Differential;
using BackHip.Domain.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddBackHipDomain();
builder.Services.AddProblemDetails();
// No request body larger than a case document is accepted, whatever the endpoint.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = BackHipJson.MaxDocumentBytes);
var app = builder.Build();
// Anything unexpected is answered with a ProblemDetails body (500), never an empty response.
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();

// Bad input is answered with ProblemDetails listing each problem (code, path, message); a body over the limit with 413.
static ProblemHttpResult Problem(BackHipValidationException ex) => TypedResults.Problem(
    title: "The case is invalid.",
    statusCode: ex.Problems.Any(p => p.Code == "too-large") ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
    extensions: new Dictionary<string, object?> { ["problems"] = ex.Problems.Select(p => new Dictionary<string, string?> { ["code"] = p.Code, ["path"] = p.Path, ["id"] = p.Id, ["message"] = p.Message }).ToList() });

// Reads the body as a case: refused at once when it declares more than the limit, and never read past the limit.
static async Task<Case> ReadCase(HttpRequest request, KnowledgeBase knowledge)
{
    if (request.ContentLength > BackHipJson.MaxDocumentBytes)
    {
        throw TooLarge();
    }

    try
    {
        return await BackHipJson.ReadCaseAsync(request.Body, knowledge, request.HttpContext.RequestAborted);
    }
    catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
    {
        throw TooLarge();
    }
}

static BackHipValidationException TooLarge() =>
    new("case", [new BackHip.Domain.ValidationProblem { Code = "too-large", Message = $"The document is larger than {BackHipJson.MaxDocumentBytes} bytes.", Path = "$" }]);

app.MapPost("/assessments", async Task<Results<ContentHttpResult, ProblemHttpResult>> (HttpRequest request, IBackHipAssessor assessor) =>
{
    try
    {
        var assessment = assessor.Assess(await ReadCase(request, assessor.Knowledge));
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
    try
    {
        var patientCase = await ReadCase(request, assessor.Knowledge);
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
