using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace BackHip.Domain;

/// <summary>Options of <c>AddBackHipDomain</c>: which knowledge base, thresholds, and how many results to return.</summary>
/// <remarks>A mutable options object, read once when the services are built; validated at start.</remarks>
public sealed class BackHipDomainOptions
{
    /// <summary>Knowledge files to load instead of the embedded ones, or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/> (the embedded knowledge base).</value>
    public KnowledgeFiles? KnowledgeFiles { get; set; }

    /// <summary>A directory holding every knowledge file (see <see cref="KnowledgeFiles.FromDirectory"/>), or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? KnowledgeDirectory { get; set; }

    /// <summary>A condition whose care level is an emergency raises triage to that level at or above this probability.</summary>
    /// <value>The default value is 0.02 (see <see cref="Triage.CareLevelThresholds"/>).</value>
    [Range(0.0001, 1.0)]
    public double EmergencyCareThreshold { get; set; } = Triage.CareLevelThresholds.Default.Emergency;

    /// <summary>A condition whose care level is <see cref="Triage.TriageLevel.Consultation24"/> raises triage to it at or above this probability.</summary>
    /// <value>The default value is 0.05.</value>
    [Range(0.0001, 1.0)]
    public double Consultation24CareThreshold { get; set; } = Triage.CareLevelThresholds.Default.Consultation24;

    /// <summary>A condition whose care level is <see cref="Triage.TriageLevel.Consultation"/> raises self-care to it at or above this probability.</summary>
    /// <value>The default value is 0.25.</value>
    [Range(0.0001, 1.0)]
    public double ConsultationCareThreshold { get; set; } = Triage.CareLevelThresholds.Default.Consultation;

    /// <summary>The care-level thresholds these options set.</summary>
    /// <returns>The thresholds.</returns>
    public Triage.CareLevelThresholds ToCareLevelThresholds() => new()
    {
        Emergency = EmergencyCareThreshold,
        Consultation24 = Consultation24CareThreshold,
        Consultation = ConsultationCareThreshold,
    };

    /// <summary>A condition at or above this probability is likely for the care planner.</summary>
    /// <value>The default value is 0.05.</value>
    [Range(0.0001, 1.0)]
    public double PlannerThreshold { get; set; } = 0.05;

    /// <summary>How many conditions an assessment lists.</summary>
    /// <value>The default value is 10.</value>
    [Range(1, 100)]
    public int MaxConditions { get; set; } = 10;

    /// <summary>Text tables for other languages (or English overrides) behind the registered
    /// <see cref="Display.DisplayText"/>, such as <c>TextTable.Load("text.de.json")</c>; later tables win.</summary>
    /// <value>The default value is an empty list (English only).</value>
    /// <remarks>Ids are checked against the knowledge base when <see cref="Display.DisplayText"/> is first resolved; an
    /// unknown id fails with a <see cref="BackHipValidationException"/> naming the file, id and JSON path.</remarks>
    public IList<Display.TextTable> TextTables { get; } = [];

    /// <summary>How many next questions an assessment lists.</summary>
    /// <value>The default value is 5.</value>
    [Range(0, 50)]
    public int MaxQuestions { get; set; } = 5;
}

/// <summary>Validates <see cref="BackHipDomainOptions"/> from its data annotations (source-generated, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class BackHipDomainOptionsValidator : IValidateOptions<BackHipDomainOptions>
{
}

/// <summary>Checks the options that data annotations cannot: the knowledge source.</summary>
internal sealed class BackHipDomainOptionsSourceValidator : IValidateOptions<BackHipDomainOptions>
{
    public ValidateOptionsResult Validate(string? name, BackHipDomainOptions options)
    {
        var problems = BackHipDomainOptionsChecks.SourceProblems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

internal static class BackHipDomainOptionsChecks
{
    public static List<string> SourceProblems(BackHipDomainOptions options)
    {
        var problems = new List<string>();
        if (options.KnowledgeFiles is not null && options.KnowledgeDirectory is not null)
        {
            problems.Add("BackHipDomainOptions.KnowledgeFiles and BackHipDomainOptions.KnowledgeDirectory cannot both be set.");
        }

        if (options.KnowledgeDirectory is { } dir && !Directory.Exists(dir))
        {
            problems.Add($"BackHipDomainOptions.KnowledgeDirectory '{dir}' does not exist.");
        }

        if (options.EmergencyCareThreshold > options.Consultation24CareThreshold || options.Consultation24CareThreshold > options.ConsultationCareThreshold)
        {
            problems.Add("BackHipDomainOptions care thresholds must not rise with urgency: EmergencyCareThreshold <= Consultation24CareThreshold <= ConsultationCareThreshold.");
        }

        return problems;
    }

    public static List<string> Problems(BackHipDomainOptions options)
    {
        var problems = SourceProblems(options);
        var result = new BackHipDomainOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            problems.AddRange(result.Failures);
        }

        return problems;
    }
}
