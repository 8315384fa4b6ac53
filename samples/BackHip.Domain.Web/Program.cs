// A minimal web app over BackHip.Domain: a JSON API and a small page with the question flow, a triage banner,
// the differential as bars and the care plan, and an OpenAPI document of the JSON API at /openapi/v1.json. Run: dotnet run --project samples/BackHip.Domain.Web --urls http://127.0.0.1:5080
using BackHip.Domain;
using BackHip.Domain.Differential;
using BackHip.Domain.Display;
using BackHip.Domain.Exercises;
using BackHip.Domain.Serialization;
using BackHip.Domain.Triage;
using Microsoft.AspNetCore.Http.HttpResults;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddBackHipDomain();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
// No request body larger than a case document is accepted, whatever the endpoint.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = BackHipJson.MaxDocumentBytes);
var app = builder.Build();
// Anything unexpected is answered with a ProblemDetails body (500), never an empty response.
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapOpenApi();

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
}).WithName("assess").WithSummary("Assesses a case (schema version 1): triage, differential, next questions, interview status and care plan.");

// The next question (screen) for a case, typed (single, oneOf, anyOf) with options and "why we ask", for the page's
// question flow; `asked` is how many screens the page has shown so far (the budget counts screens).
app.MapPost("/questions/next", async Task<Results<ContentHttpResult, ProblemHttpResult>> (HttpRequest request, IBackHipAssessor assessor, IQuestionSelector questions, int? asked) =>
{
    try
    {
        var patientCase = await ReadCase(request, assessor.Knowledge);
        var screens = asked ?? patientCase.Evidence.Count(e => !e.IsInitial);
        var options = QuestionOptions.Default;
        var stop = questions.ShouldStop(patientCase, screens, options);
        var next = stop.ShouldStop ? null : questions.Rank(patientCase, options with { MaxProposals = 1 }).FirstOrDefault();
        var dto = next is null
            ? new NextQuestion(true, null, null, null, null, false, null, [], screens, options.MaxQuestions, stop.TriageIncomplete)
            : new NextQuestion(false, next.Id, next.Type.ToString(), next.Stage.ToString(), next.Question, next.IsRedFlagScreen, next.WhyWeAsk,
                [.. next.Options.Select(o => new NextOption(o.FindingId, o.Label))], screens, options.MaxQuestions, stop.TriageIncomplete);
        return TypedResults.Text(System.Text.Json.JsonSerializer.Serialize(dto, QuestionJson.Default.NextQuestion), "application/json");
    }
    catch (BackHipValidationException ex)
    {
        return Problem(ex);
    }
}).WithName("nextQuestion").WithSummary("The next question screen for a case, or done; asked is how many screens have been shown.");

// Person-facing labels from the library's display layer (DisplayText), so the page never shows a raw id: triage levels,
// care levels, clinicians, condition names and each exercise's name and instructions.
app.MapGet("/labels", (KnowledgeBase kb, DisplayText text) =>
{
    static string Camel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
    var labels = new DisplayLabels(
        Enum.GetValues<TriageLevel>().ToDictionary(l => Camel(l.ToString()), l => text.TriageLabel(l)),
        Enum.GetValues<TriageLevel>().ToDictionary(l => Camel(l.ToString()), l => text.CareLevelLabel(l)),
        Enum.GetValues<Clinician>().ToDictionary(c => Camel(c.ToString()), c => text.ClinicianLabel(c)),
        kb.Conditions.ToDictionary(c => c.Id, c => text.ConditionName(c.Id)),
        kb.Care.Catalog.Exercises.ToDictionary(e => e.Id, e => new ExerciseLabel(text.ExerciseName(e.Id), [.. text.ExerciseInstructions(e.Id)])));
    return TypedResults.Text(System.Text.Json.JsonSerializer.Serialize(labels, QuestionJson.Default.DisplayLabels), "application/json");
}).WithName("labels").WithSummary("Person-facing labels of triage levels, care levels, clinicians, conditions and exercises.");
app.MapGet("/conditions", (KnowledgeBase kb) => TypedResults.Text(BackHipJson.WriteConditions(kb), "application/json")).WithName("conditions").WithSummary("The knowledge base's conditions.");
app.MapGet("/findings", (KnowledgeBase kb) => TypedResults.Text(BackHipJson.WriteFindings(kb), "application/json")).WithName("findings").WithSummary("The knowledge base's findings and question groups.");
app.MapGet("/exercises", (KnowledgeBase kb) => TypedResults.Text(BackHipJson.WriteExercises(kb), "application/json")).WithName("exercises").WithSummary("The exercise catalog.");
app.Run();

/// <summary>One answer option of a question: the finding it stands for and its label.</summary>
internal sealed record NextOption(string FindingId, string Label);

/// <summary>The next question for the page, or <c>done</c>; <c>triageIncomplete</c> is the stop rule's signal that a red
/// flag that could make this urgent is still open or was answered "not sure".</summary>
internal sealed record NextQuestion(bool Done, string? Id, string? Type, string? Stage, string? Question, bool RedFlag, string? WhyWeAsk, List<NextOption> Options, int Asked, int Budget, bool TriageIncomplete);

/// <summary>An exercise's display name and step-by-step instructions.</summary>
internal sealed record ExerciseLabel(string Name, List<string> Instructions);

/// <summary>Person-facing labels keyed by the ids and camel-case enum names the JSON contract uses.</summary>
internal sealed record DisplayLabels(Dictionary<string, string> TriageLevels, Dictionary<string, string> CareLevels, Dictionary<string, string> Clinicians, Dictionary<string, string> Conditions, Dictionary<string, ExerciseLabel> Exercises);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(NextQuestion))]
[System.Text.Json.Serialization.JsonSerializable(typeof(DisplayLabels))]
internal sealed partial class QuestionJson : System.Text.Json.Serialization.JsonSerializerContext;
