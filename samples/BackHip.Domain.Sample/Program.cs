// A sample assessment: a built-in example case through red-flag triage and the ranked differential.
// Run: dotnet run --project samples/BackHip.Domain.Sample
using System.Globalization;
using BackHip.Domain;
using BackHip.Domain.Differential;
using BackHip.Domain.Exercises;
using BackHip.Domain.Triage;

var knowledge = KnowledgeBase.Default;

// A 42-year-old man with back pain shooting below the knee after lifting, examined by a clinician.
var patientCase = Case.For(age: 42, Sex.Male)
    .Initial("pain-lower-back", "pain-below-knee")
    .Present("pain-shooting", "leg-pain-worse-than-back", "worse-cough-sneeze", "slr-positive", "duration-under-2-weeks")
    .Absent("bladder-dysfunction", "bowel-dysfunction", "saddle-numbness", "leg-weakness-progressive", "fever-or-chills", "history-of-cancer")
    .Build();

var engine = new DifferentialEngine(knowledge);
var differential = engine.Score(patientCase);
var triage = TriageCombiner.Combine(new RedFlagEvaluator(knowledge).Evaluate(patientCase), differential, knowledge);

var inv = CultureInfo.InvariantCulture;
Console.WriteLine($"BackHip.Domain sample assessment (knowledge base {knowledge.Version})");
Console.WriteLine("Decision support and education only; not a diagnosis and not a medical device.");
Console.WriteLine();
Console.WriteLine($"Triage: {triage.Level}");
foreach (var rule in triage.FiredRules)
{
    Console.WriteLine($"  [{rule.Level}] {rule.Message}");
}

if (triage.OpenQuestions.Length > 0)
{
    // The person can answer these; the rest need a clinician's examination or tests.
    var forPerson = triage.OpenQuestions.Where(q => knowledge.GetFinding(q.FindingId).AnsweredBy == Respondent.Person).ToList();
    var first = forPerson.Count > 0 ? forPerson[0] : triage.OpenQuestions[0];
    Console.WriteLine($"  Still to ask ({forPerson.Count} red-flag questions for the person, {triage.OpenQuestions.Length - forPerson.Count} for a clinician), first: {knowledge.GetFinding(first.FindingId).Question}");
}

Console.WriteLine();
Console.WriteLine("Differential (top 5):");
foreach (var ranked in differential.Top(5))
{
    var name = knowledge.GetCondition(ranked.ConditionId).Name;
    Console.WriteLine(string.Format(inv, "  {0,6:P1}  {1}", ranked.Probability, name));
    foreach (var c in ranked.Contributions)
    {
        // A sensitivity divided by a background rate rests on two numbers: show both sources and grades.
        var background = c.BackgroundSourceKey is null ? "" : string.Format(inv, "; over background {0}, {1}", c.BackgroundSourceKey, c.BackgroundGrade);
        var band = c.FrequencyBand is null ? "" : "; band " + c.FrequencyBand;
        Console.WriteLine(string.Format(inv, "           {0} {1}: LR {2:0.##} [{3}, {4}{5}{6}]", c.State == EvidenceState.Present ? "+" : "-", c.FindingId, c.LikelihoodRatio, c.SourceKey, c.Grade, band, background));
    }
}

var top = differential.Ranked[0].ConditionId;
var why = engine.Explain(patientCase, top);
Console.WriteLine();
Console.WriteLine($"Why {top}: {why.Supporting.Length} supporting, {why.Conflicting.Length} conflicting; worth asking next (either answer moves it):");
foreach (var e in why.Unconfirmed.Take(3))
{
    Console.WriteLine(string.Format(inv, "  {0} (LR+ {1:0.##}, LR- {2:0.##}) [{3}]", knowledge.GetFinding(e.FindingId).Question, e.LrPositive, e.LrNegative, e.SourceKey));
}

var runnerUp = differential.Ranked[1].ConditionId;
var comparison = engine.Compare(patientCase, top, runnerUp);
Console.WriteLine(string.Format(inv, "{0} over {1}: {2:0.0}x more likely; prior ratio {3:0.00}, biggest separator {4}.", top, runnerUp, Math.Exp(comparison.LogPosteriorRatio), Math.Exp(comparison.LogPriorRatio), comparison.Items.Length > 0 ? comparison.Items[0].FindingId : "none"));

var next = new QuestionSelector(knowledge).Rank(patientCase, QuestionOptions.Default with { MaxProposals = 3 });
Console.WriteLine();
Console.WriteLine("Next questions:");
foreach (var q in next)
{
    Console.WriteLine($"  {q.Question}  ({q.Rationale})");
}

var plan = new ExercisePlanner(knowledge).Plan(patientCase, triage, differential);
Console.WriteLine();
Console.WriteLine($"Care plan ({plan.Phase} phase):");
foreach (var e in plan.Exercises)
{
    Console.WriteLine($"  {e.Order}. {e.Name}: {e.Dose}  ({e.Reason})");
}

foreach (var x in plan.Excluded.Where(x => x.RuleId is not null).Take(3))
{
    Console.WriteLine($"  left out {x.ExerciseId}: {x.Reason}");
}

foreach (var s in plan.SelfCare.Take(3))
{
    Console.WriteLine($"  self-care: {s.Text}");
}

Console.WriteLine($"  stop rule: {plan.StopRules[0].Text}");
Console.WriteLine($"  see: {string.Join(", ", plan.Referrals.Select(r => $"{r.Clinician} ({r.Urgency})"))}");
