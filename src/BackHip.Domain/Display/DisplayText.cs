using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using BackHip.Domain.Exercises;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Display;

/// <summary>The person-facing text of every id: names, questions, red-flag messages and the labels of triage levels, care
/// levels and clinicians, in English or in any culture a host adds with a <see cref="TextTable"/>.</summary>
/// <remarks>
/// <para>Immutable and thread-safe: build once and share. English comes with the package (names, questions and messages
/// from the knowledge base; labels from an embedded table). A host adds a language without code changes by loading a JSON
/// <see cref="TextTable"/> (<see cref="Create"/>, <see cref="WithTable"/>, or <c>BackHipDomainOptions.TextTables</c> with
/// <c>AddBackHipDomain</c>).</para>
/// <para>Lookup for a culture tries the culture, then its parents (<c>de-CH</c>, then <c>de</c>), then English, so a text a
/// table lacks is always shown in English. When no culture is given, <see cref="CultureInfo.CurrentUICulture"/> is used.
/// Where several tables are given for one culture, a later table's text wins.</para>
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
        foreach (var key in table.Texts.Keys)
        {
            if (known.ContainsKey(key))
            {
                continue;
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

        return _english.TryGetValue(key, out text);
    }

    private string Get(string key, string id, string what, CultureInfo? culture) =>
        TryGetText(key, culture, out var text) ? text : throw new ArgumentException($"'{id}' is not a {what} of the knowledge base.", nameof(id));

    private static string Singular(string section) => section switch
    {
        "conditions" => "condition",
        "findings" => "finding",
        "questionGroups" => "question group",
        "rules" => "red-flag rule",
        "exercises" => "exercise",
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
        }

        return TextTable.FromTexts(TextTable.EmbeddedEnglishLabels.Culture, "knowledge base", texts.ToImmutable());
    }
}
