using BackHip.Domain.Differential;
using BackHip.Domain.Exercises;
using BackHip.Domain.Triage;

namespace BackHip.Domain.Knowledge;

/// <summary>
/// Assembles a knowledge base from the capability readers, which share one <see cref="KnowledgeValidationContext"/>:
/// every file is read first (so reading problems come in file order), then each is checked and built in dependency
/// order (sources, conditions, findings, red-flag rules, likelihoods, exercises and care); every problem is collected
/// before failing. Each reader, with its wire shapes, lives next to its model: Knowledge/ (sources.json), Taxonomy/
/// (conditions.json), Findings/ (findings.json, criteria), Triage/ (redflags.json), Differential/ (likelihoods.json),
/// Exercises/ (exercises.json, care.json).
/// </summary>
internal static class KnowledgeLoader
{
    /// <summary>Checks a SNOMED CT id: 6–18 digits, no leading zero, valid Verhoeff check digit.</summary>
    /// <param name="id">The id.</param>
    /// <returns>Whether it is a valid SNOMED CT id.</returns>
    internal static bool IsValidSctId(string id) => ConditionsReader.IsValidSctId(id);

    /// <summary>Reads, checks and compiles the files.</summary>
    /// <param name="files">The knowledge files.</param>
    /// <returns>The knowledge base.</returns>
    /// <exception cref="BackHipValidationException">Any file is missing or has a problem; every problem is listed.</exception>
    public static KnowledgeBase Load(KnowledgeFiles files)
    {
        var context = new KnowledgeValidationContext(files);
        var sourcesReader = new SourcesReader(context);
        var conditionsReader = new ConditionsReader(context);
        var findingsReader = new FindingsReader(context);
        var rulesReader = new RedFlagRulesReader(context);
        var likelihoodsReader = new LikelihoodsReader(context);
        var exercisesReader = new ExercisesReader(context);
        var careReader = new CareReader(context);

        sourcesReader.Read();
        conditionsReader.Read();
        findingsReader.Read();
        rulesReader.Read();
        likelihoodsReader.Read();
        exercisesReader.Read();
        careReader.Read();

        var sources = sourcesReader.Build();
        var conditions = conditionsReader.Build();
        var (findings, groups) = findingsReader.Build();
        var rules = rulesReader.Build();
        var likelihoods = likelihoodsReader.Build(conditions, findingsReader.Findings, findingsReader.Groups);
        var care = careReader.Build(exercisesReader.Build());
        FindingsReader.CheckChecklistCoverage(context, findings, groups, rules);

        if (context.ProblemCount > 0 || likelihoods is null || care is null)
        {
            throw new BackHipValidationException("knowledge base", [.. context.Problems]);
        }

        return new KnowledgeBase(KnowledgeBase.ComputeVersion(files), sources, conditions, findings, groups, rules, likelihoods, care);
    }
}
