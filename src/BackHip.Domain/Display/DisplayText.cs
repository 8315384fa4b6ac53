using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using BackHip.Domain.Exercises;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Display;

/// <summary>The person-facing text of every id: names, questions, red-flag messages, exercise instructions and doses,
/// self-care advice, stop rules, treatments, referral reasons, the labels of triage levels, care levels and clinicians, and
/// the phrases the care plan is built from, in English or in any culture a host adds with a <see cref="TextTable"/>.</summary>
/// <remarks>
/// <para>Immutable and thread-safe: build once and share. English comes with the package (names, questions and messages
/// from the knowledge base; labels from an embedded table). A host adds a language without code changes by loading a JSON
/// <see cref="TextTable"/> (<see cref="Create"/>, <see cref="WithTable"/>, or <c>BackHipDomainOptions.TextTables</c> with
/// <c>AddBackHipDomain</c>).</para>
/// <para>Lookup for a culture tries the culture, then its parents (<c>de-CH</c>, then <c>de</c>), then English (an
/// English override table first, then the knowledge base's own text), so a text a table lacks is always shown in
/// English. When no culture is given, <see cref="CultureInfo.CurrentUICulture"/> is used, which is also what the engines
/// do (<see cref="Triage.RedFlagEvaluator"/>, <see cref="Exercises.ExercisePlanner"/>, <see cref="BackHipAssessor"/>) when
/// they are given a display text. Where several tables are given for one culture, a later table's text wins.</para>
/// <para>Every person-facing text of the knowledge base has a key (a test checks that each id has English text), so the
/// care plan and the triage messages a host shows come from the tables, not from code.</para>
/// </remarks>
public sealed class DisplayText
{
    private static readonly Lazy<DisplayText> DefaultText = new(() => new DisplayText(KnowledgeBase.Default, []));
    private readonly FrozenDictionary<string, string> _english;
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _byCulture;
    private readonly KnowledgeBase _knowledge;

    private DisplayText(KnowledgeBase knowledge, ImmutableArray<TextTable> tables)
    {
        _knowledge = knowledge;
        Tables = tables;
        _english = English(knowledge).Texts.ToFrozenDictionary(StringComparer.Ordinal);
        _byCulture = tables
            .GroupBy(t => t.Culture.Name, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(
                g => g.Key,
                g => g.SelectMany(t => t.Texts).GroupBy(kv => kv.Key, StringComparer.Ordinal).ToFrozenDictionary(x => x.Key, x => x.Last().Value, StringComparer.Ordinal),
                StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>English text over <see cref="KnowledgeBase.Default"/>, with no other language.</summary>
    public static DisplayText Default => DefaultText.Value;

    /// <summary>English text over a knowledge base, with no other language (<see cref="Default"/> for the default one).</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <returns>The display text, built once per knowledge base.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="knowledge"/> is null.</exception>
    public static DisplayText For(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        return ReferenceEquals(knowledge, KnowledgeBase.Default) ? Default : PlainCache.GetValue(knowledge, k => new DisplayText(k, []));
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<KnowledgeBase, DisplayText> PlainCache = [];

    /// <summary>The knowledge base whose ids the texts are keyed by.</summary>
    public KnowledgeBase Knowledge => _knowledge;

    /// <summary>The tables added over English, in the order given.</summary>
    public ImmutableArray<TextTable> Tables { get; }

    /// <summary>Builds the display text of a knowledge base with tables for other languages (or English overrides).</summary>
    /// <param name="knowledge">The knowledge base whose ids the tables name.</param>
    /// <param name="tables">Text tables; later tables win for the same culture and key.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="BackHipValidationException">A table names an id the knowledge base does not have; every problem is
    /// listed with the table's file, the id and its JSON path.</exception>
    public static DisplayText Create(KnowledgeBase knowledge, IEnumerable<TextTable> tables)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(tables);
        var list = tables.ToImmutableArray();
        var problems = list.SelectMany(t => { ArgumentNullException.ThrowIfNull(t, nameof(tables)); return Validate(knowledge, t).Problems; }).ToImmutableArray();
        return problems.IsEmpty ? new DisplayText(knowledge, list) : throw new BackHipValidationException("text table", problems);
    }

    /// <summary>Returns a copy with one more table.</summary>
    /// <param name="table">The table.</param>
    /// <returns>A new display text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="BackHipValidationException">The table names an unknown id.</exception>
    public DisplayText WithTable(TextTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Create(_knowledge, Tables.Add(table));
    }

    /// <summary>Checks that every id a table names exists in a knowledge base.</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <param name="table">The table.</param>
    /// <returns>Every unknown id, with the table's file, the id and its JSON path.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ValidationResult Validate(KnowledgeBase knowledge, TextTable table)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(table);
        var known = English(knowledge).Texts;
        var problems = ImmutableArray.CreateBuilder<ValidationProblem>();
        foreach (var (key, value) in table.Texts)
        {
            if (known.TryGetValue(key, out var english))
            {
                if (key.StartsWith("phrases/", StringComparison.Ordinal) && !Placeholders(english).SetEquals(Placeholders(value)))
                {
                    problems.Add(new ValidationProblem
                    {
                        Code = "invalid-placeholder", File = table.Source, Id = key[8..], Path = "$.phrases." + key[8..],
                        Message = $"The phrase '{key[8..]}' must hold the placeholders {string.Join(", ", Placeholders(english).Order(StringComparer.Ordinal).Select(x => "{" + x + "}"))} and no others.",
                    });
                }

                continue;
            }

            var steps = key.Split('/');
            if (steps is ["exercises", var exerciseId, "instructions", _] && known.ContainsKey($"exercises/{exerciseId}/name"))
            {
                continue; // a translation may take more or fewer steps than the English
            }

            var parts = key.Split('/');
            var (id, path, what) = parts.Length switch
            {
                >= 5 => (parts[4], $"$.{parts[0]}['{parts[1]}'].options['{parts[4]}']", $"an option of question group '{parts[1]}'"),
                3 => (parts[1], $"$.{parts[0]}['{parts[1]}'].{parts[2]}", $"a {Singular(parts[0])} id"),
                _ => (parts[^1], $"$.{parts[0]}.{parts[^1]}", parts[0]),
            };
            if (parts.Length >= 5 && !known.ContainsKey($"questionGroups/{parts[1]}/text"))
            {
                (id, path, what) = (parts[1], $"$.questionGroups['{parts[1]}']", "a question group id");
            }

            var problem = new ValidationProblem { Code = "unknown-id", Message = $"'{id}' is not {what} in the knowledge base.", File = table.Source, Id = id, Path = path };
            if (!problems.Contains(problem))
            {
                problems.Add(problem);
            }
        }

        return problems.Count == 0 ? ValidationResult.Valid : new ValidationResult(problems.ToImmutable());
    }

    /// <summary>Why a question group is asked ("why we ask"), in plain words; <see langword="null"/> when the knowledge base
    /// gives the group no reason (an interview then explains the question by the conditions it separates).</summary>
    /// <param name="groupId">The question group id.</param>
    /// <param name="culture">The culture, or <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The reason, or <see langword="null"/>.</returns>
    public string? QuestionGroupRationale(string groupId, CultureInfo? culture = null) =>
        TryGetText($"questionGroups/{groupId}/rationale", culture, out var text) ? text : null;

    /// <summary>The display text an engine was given, checked to be there and over the engine's knowledge base.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="text"/> is over another knowledge base.</exception>
    internal static DisplayText RequireOver(DisplayText text, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ReferenceEquals(text.Knowledge, knowledge) ? text : throw new ArgumentException("The display text is over another knowledge base.", nameof(text));
    }

    /// <summary>The display name of a condition.</summary>
    /// <param name="conditionId">The condition id.</param>
    /// <param name="culture">The culture, or <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentException">The id is not a condition of the knowledge base.</exception>
    public string ConditionName(string conditionId, CultureInfo? culture = null) => Get($"conditions/{conditionId}/name", conditionId, "condition", culture);

    /// <summary>The display name of a finding.</summary>
    /// <param name="findingId">The finding id.</param>
    /// <param name="culture">The culture, or <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentException">The id is not a finding of the knowledge base.</exception>
    public string FindingName(string findingId, CultureInfo? culture = null) => Get($"findings/{findingId}/name", findingId, "finding", culture);

    /// <summary>The plain-language question that asks about a finding.</summary>
    /// <param name="findingId">The finding id.</param>
    /// <param name="culture">The culture, or <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The question.</returns>
    /// <exception cref="ArgumentException">The id is not a finding of the knowledge base.</exception>
    public string FindingQuestion(string findingId, CultureInfo? culture = null) => Get($"findings/{findingId}/question", findingId, "finding", culture);

    /// <summary>The question text of a question group.</summary>
    /// <param name="groupId">The question group id.</param>
    /// <param name="culture">The culture, or <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The question.</returns>
    /// <exception cref="ArgumentException">The id is not a question group of the knowledge base.</exception>
    public string QuestionGroupText(string groupId, CultureInfo? culture = null) => Get($"questionGroups/{groupId}/text", groupId, "question group", culture);

    /// <summary>The label of one option of a question group.</summary>
    /// <param name="groupId">The question group id.</param>
    /// <param name="findingId">The finding the option stands for.</param>
    /// <param name="culture">The culture, or <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The label.</returns>
    /// <exception cref="ArgumentException">The group has no such option.</exception>
    public string QuestionOptionLabel(string groupId, string findingId, CultureInfo? culture = null) => Get($"questionGroups/{groupId}/options/{findingId}", findingId, $"option of question group '{groupId}'", culture);

    /// <summary>The message a red-flag rule shows the person when it fires.</summary>
    /// <param name="ruleId">The rule id.</param>
    /// <param name="culture">The culture, or <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentException">The id is not a red-flag rule of the knowledge base.</exception>
    public string RuleMessage(string ruleId, CultureInfo? culture = null) => Get($"rules/{ruleId}/message", ruleId, "red-flag rule", culture);

    /// <summary>The display name of an exercise.</summary>
    /// <param name="exerciseId">The exercise id.</param>
    /// <param name="culture">The culture, or <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentException">The id is not an exercise of the knowledge base.</exception>
    public string ExerciseName(string exerciseId, CultureInfo? culture = null) => Get($"exercises/{exerciseId}/name", exerciseId, "exercise", culture);

    /// <summary>What a triage level tells the person to do, such as "See a doctor within 24 hours".</summary>
    /// <param name="level">The triage level.</param>
    /// <param name="culture">The culture, or <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The label.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not a defined level.</exception>
    public string TriageLabel(TriageLevel level, CultureInfo? culture = null) =>
        Enum.IsDefined(level) ? Get($"triageLevels/{TextTable.Camel(level.ToString())}", level.ToString(), "triage level", culture) : throw new ArgumentOutOfRangeException(nameof(level));

    /// <summary>What a condition's care level means for the person, such as "Needs a doctor within 24 hours".</summary>
    /// <param name="level">The care level (see <see cref="Condition.CareLevel"/>).</param>
    /// <param name="culture">The culture, or <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The label.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not a defined level.</exception>
    public string CareLevelLabel(TriageLevel level, CultureInfo? culture = null) =>
        Enum.IsDefined(level) ? Get($"careLevels/{TextTable.Camel(level.ToString())}", level.ToString(), "care level", culture) : throw new ArgumentOutOfRangeException(nameof(level));

    /// <summary>Whom to see, in words a person knows, such as "Physiotherapist".</summary>
    /// <param name="clinician">The clinician.</param>
    /// <param name="culture">The culture, or <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The label.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="clinician"/> is not a defined value.</exception>
    public string ClinicianLabel(Clinician clinician, CultureInfo? culture = null) =>
        Enum.IsDefined(clinician) ? Get($"clinicians/{TextTable.Camel(clinician.ToString())}", clinician.ToString(), "clinician", culture) : throw new ArgumentOutOfRangeException(nameof(clinician));

    /// <summary>Looks up any text by key (see <see cref="TextTable"/>), falling back through parent cultures to English.</summary>
    /// <param name="key">The key, such as <c>conditions/&lt;id&gt;/name</c>.</param>
    /// <param name="culture">The culture, or <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <param name="text">The text when found.</param>
    /// <returns><see langword="true"/> when some table, or English, holds the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool TryGetText(string key, CultureInfo? culture, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var c = culture ?? CultureInfo.CurrentUICulture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (_byCulture.TryGetValue(c.Name, out var texts) && texts.TryGetValue(key, out text))
            {
                return true;
            }
        }

        // English is the last resort, with any English override tables over the knowledge base's own text.
        return (_byCulture.TryGetValue("en", out var english) && english.TryGetValue(key, out text)) || _english.TryGetValue(key, out text);
    }

    /// <summary>The step-by-step instructions of an exercise, all from the same table (a translation may have more or fewer
    /// steps than the English).</summary>
    /// <param name="exerciseId">The exercise id.</param>
    /// <param name="culture">The culture, or <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The steps, in order.</returns>
    /// <exception cref="ArgumentException">The id is not an exercise of the knowledge base.</exception>
    public ImmutableArray<string> ExerciseInstructions(string exerciseId, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(exerciseId);
        _ = ExerciseName(exerciseId, culture);
        var first = $"exercises/{exerciseId}/instructions/1";
        foreach (var texts in Chain(culture))
        {
            if (texts.ContainsKey(first))
            {
                var steps = ImmutableArray.CreateBuilder<string>();
                for (var i = 1; texts.TryGetValue(string.Create(CultureInfo.InvariantCulture, $"exercises/{exerciseId}/instructions/{i}"), out var step); i++)
                {
                    steps.Add(step);
                }

                return steps.ToImmutable();
            }
        }

        return [];
    }

    /// <summary>A self-care step's advice.</summary>
    /// <param name="selfCareId">The self-care step id.</param>
    /// <param name="culture">The culture, or <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The advice.</returns>
    /// <exception cref="ArgumentException">The id is not a self-care step of the knowledge base.</exception>
    public string SelfCareText(string selfCareId, CultureInfo? culture = null) => Get($"selfCare/{selfCareId}/text", selfCareId, "self-care step", culture);

    /// <summary>A stop rule: when to stop exercising and seek care.</summary>
    /// <param name="stopRuleId">The stop rule id.</param>
    /// <param name="culture">The culture, or <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The rule in plain words.</returns>
    /// <exception cref="ArgumentException">The id is not a stop rule of the knowledge base.</exception>
    public string StopRuleText(string stopRuleId, CultureInfo? culture = null) => Get($"stopRules/{stopRuleId}/text", stopRuleId, "stop rule", culture);

    /// <summary>The name of a treatment to discuss with a clinician.</summary>
    /// <param name="treatmentId">The treatment id.</param>
    /// <param name="culture">The culture, or <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentException">The id is not a treatment of the knowledge base.</exception>
    public string TreatmentName(string treatmentId, CultureInfo? culture = null) => Get($"treatments/{treatmentId}/name", treatmentId, "treatment", culture);

    /// <summary>Why a contraindication rule keeps exercises out of a plan.</summary>
    /// <param name="ruleId">The contraindication rule id.</param>
    /// <param name="culture">The culture, or <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The reason.</returns>
    /// <exception cref="ArgumentException">The id is not a contraindication rule of the knowledge base.</exception>
    public string ContraindicationReason(string ruleId, CultureInfo? culture = null) => Get($"contraindications/{ruleId}/reason", ruleId, "contraindication rule", culture);

    /// <summary>Why and when to see a clinician that the care knowledge advises alongside the usual referral, such as a pain
    /// specialist for long-lasting pain; <see langword="null"/> when the knowledge base gives no such reason.</summary>
    /// <param name="clinician">The clinician.</param>
    /// <param name="culture">The culture, or <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The reason, or <see langword="null"/>.</returns>
    public string? ReferralReason(Clinician clinician, CultureInfo? culture = null) =>
        TryGetText($"referrals/{TextTable.Camel(clinician.ToString())}/reason", culture, out var text) ? text : null;

    /// <summary>One of the phrases the care plan, the triage and the dose text are built from (see the <c>phrases</c>
    /// section of <see cref="TextTable"/>), with its placeholders (such as <c>{conditions}</c>) unfilled.</summary>
    /// <param name="phraseKey">The phrase key, such as <c>exerciseWhy</c>.</param>
    /// <param name="culture">The culture, or <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The phrase.</returns>
    /// <exception cref="ArgumentException">The key is not a phrase.</exception>
    public string Phrase(string phraseKey, CultureInfo? culture = null) => Get($"phrases/{phraseKey}", phraseKey, "phrase", culture);

    /// <summary>An exercise's dose in plain words, such as "hold 20 s × 3, each side, 2× a day".</summary>
    /// <param name="dose">The dose.</param>
    /// <param name="culture">The culture, or <see langword="null"/> for <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The dose as text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dose"/> is null.</exception>
    public string DoseText(Dosage dose, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(dose);
        return FormatDose(dose, key => Phrase(key, culture));
    }

    /// <summary>Fills a phrase's placeholders.</summary>
    internal string Format(string phraseKey, CultureInfo? culture, params ReadOnlySpan<(string Name, string Value)> values) => Fill(Phrase(phraseKey, culture), values);

    internal static string Fill(string phrase, ReadOnlySpan<(string Name, string Value)> values)
    {
        foreach (var (name, value) in values)
        {
            phrase = phrase.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return phrase;
    }

    /// <summary>Renders a dose from the dose phrases (used by <see cref="DoseText"/> and, in English, by <see cref="Dosage.ToString"/>).</summary>
    internal static string FormatDose(Dosage dose, Func<string, string> phrase)
    {
        static string N(int? n) => (n ?? 1).ToString(CultureInfo.InvariantCulture);
        var text = dose.Type switch
        {
            DoseType.Hold => Fill(phrase("doseHold"), [("seconds", N(dose.HoldSeconds)), ("reps", N(dose.Reps))]),
            DoseType.Reps => Fill(phrase("doseReps"), [("sets", N(dose.Sets)), ("reps", N(dose.Reps))])
                + (dose.HoldSeconds is null ? "" : Fill(phrase("doseRepsHold"), [("seconds", N(dose.HoldSeconds))])),
            DoseType.Duration => Fill(phrase("doseDuration"), [("minutes", N(dose.Minutes))]),
            _ => Fill(phrase("doseDistance"), [("meters", N(dose.Meters))]),
        };
        if (dose.EachSide)
        {
            text += phrase("doseEachSide");
        }

        if (dose.TimesPerDay is > 1)
        {
            text += Fill(phrase("doseTimesPerDay"), [("times", N(dose.TimesPerDay))]);
        }

        if (dose.TimesPerWeek is not null)
        {
            text += Fill(phrase("doseTimesPerWeek"), [("days", N(dose.TimesPerWeek))]);
        }

        return text;
    }

    private IEnumerable<IReadOnlyDictionary<string, string>> Chain(CultureInfo? culture)
    {
        for (var c = culture ?? CultureInfo.CurrentUICulture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (_byCulture.TryGetValue(c.Name, out var texts))
            {
                yield return texts;
            }
        }

        if (_byCulture.TryGetValue("en", out var english))
        {
            yield return english;
        }

        yield return _english;
    }

    private static HashSet<string> Placeholders(string phrase) =>
        [.. System.Text.RegularExpressions.Regex.Matches(phrase, @"\{([A-Za-z]+)\}").Select(m => m.Groups[1].Value)];

    private string Get(string key, string id, string what, CultureInfo? culture) =>
        TryGetText(key, culture, out var text) ? text : throw new ArgumentException($"'{id}' is not a {what} of the knowledge base.", nameof(id));

    private static string Singular(string section) => section switch
    {
        "conditions" => "condition",
        "findings" => "finding",
        "questionGroups" => "question group",
        "rules" => "red-flag rule",
        "exercises" => "exercise",
        "selfCare" => "self-care step",
        "stopRules" => "stop rule",
        "treatments" => "treatment",
        "contraindications" => "contraindication rule",
        "referrals" => "clinician with a referral reason",
        _ => section,
    };

    /// <summary>The English table of a knowledge base: its names, questions and messages, and the embedded labels.</summary>
    private static TextTable English(KnowledgeBase knowledge) => EnglishCache.GetValue(knowledge, BuildEnglish);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<KnowledgeBase, TextTable> EnglishCache = [];

    private static TextTable BuildEnglish(KnowledgeBase knowledge)
    {
        var texts = TextTable.EmbeddedEnglishLabels.Texts.ToBuilder();
        foreach (var c in knowledge.Conditions)
        {
            texts[$"conditions/{c.Id}/name"] = c.Name;
        }

        foreach (var f in knowledge.Findings)
        {
            texts[$"findings/{f.Id}/name"] = f.Name;
            texts[$"findings/{f.Id}/question"] = f.Question;
        }

        foreach (var g in knowledge.QuestionGroups)
        {
            texts[$"questionGroups/{g.Id}/text"] = g.Text;
            if (g.Rationale is { } rationale)
            {
                texts[$"questionGroups/{g.Id}/rationale"] = rationale;
            }

            foreach (var o in g.Options)
            {
                texts[$"questionGroups/{g.Id}/options/{o.FindingId}"] = o.Label;
            }
        }

        foreach (var r in knowledge.RedFlagRules)
        {
            texts[$"rules/{r.Id}/message"] = r.Message;
        }

        foreach (var e in knowledge.Care.Catalog.Exercises)
        {
            texts[$"exercises/{e.Id}/name"] = e.Name;
            for (var i = 0; i < e.Instructions.Length; i++)
            {
                texts[string.Create(CultureInfo.InvariantCulture, $"exercises/{e.Id}/instructions/{i + 1}")] = e.Instructions[i];
            }
        }

        foreach (var s in knowledge.Care.SelfCare)
        {
            texts[$"selfCare/{s.Id}/text"] = s.Text;
        }

        foreach (var r in knowledge.Care.StopRules)
        {
            texts[$"stopRules/{r.Id}/text"] = r.Text;
        }

        foreach (var t in knowledge.Care.Treatments)
        {
            texts[$"treatments/{t.Id}/name"] = t.Name;
        }

        foreach (var r in knowledge.Care.ContraindicationRules)
        {
            texts[$"contraindications/{r.Id}/reason"] = r.Reason;
        }

        // Referral rules have no id: a reason is keyed by its clinician (the loader allows one reason per clinician).
        foreach (var r in knowledge.Care.Referrals.Where(r => r.Reason is not null))
        {
            texts[$"referrals/{TextTable.Camel(r.Clinician.ToString())}/reason"] = r.Reason!;
        }

        return TextTable.FromTexts(TextTable.EmbeddedEnglishLabels.Culture, "knowledge base", texts.ToImmutable());
    }
}
