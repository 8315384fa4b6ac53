using System.Collections.Concurrent;
using BackHip.Domain.Differential;
using BackHip.Domain.Exercises;
using BackHip.Domain.Serialization;
using BackHip.Domain.Triage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BackHip.Domain.Tests.Assessment;

public sealed class AssessorTests
{
    [Fact]
    public void Assess_runs_every_stage_and_stamps_version_and_time()
    {
        var assessor = BackHipAssessor.Create(KnowledgeBase.Default, new BackHipDomainOptions { MaxConditions = 3, MaxQuestions = 2 }, FixedTimeProvider.Instance);
        var a = assessor.Assess(Case.For(45, Sex.Male).Initial("pain-lower-back").Present("saddle-numbness").Build());
        Assert.Equal(KnowledgeBase.Default.Version, a.KnowledgeBaseVersion);
        Assert.Equal(FixedTimeProvider.Instance.GetUtcNow(), a.GeneratedAt);
        Assert.Equal(TriageLevel.Emergency, a.Triage.Level);
        Assert.Equal(3, a.Differential.Length);
        Assert.InRange(a.NextQuestions.Length, 0, 2);
        Assert.Empty(a.CarePlan.Exercises);
        Assert.Contains("not a medical device", a.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public void One_line_default_assessor_works_and_invalid_cases_throw_without_partial_results()
    {
        var assessor = BackHipAssessor.CreateDefault();
        Assert.NotEmpty(assessor.Assess(Case.For(30, Sex.Female).Initial("pain-lower-back").Build()).Differential);
        var ex = Assert.Throws<BackHipValidationException>(() => assessor.Assess(Case.For(30, Sex.Male).Pregnant().Present("pain-elbow").Build()));
        Assert.Equal(2, ex.Problems.Length);
    }

    [Fact]
    public void Invalid_options_name_the_option_without_a_container() =>
        Assert.Contains("MaxConditions", Assert.Throws<ArgumentException>(() => BackHipAssessor.Create(KnowledgeBase.Default, new BackHipDomainOptions { MaxConditions = 0 })).Message, StringComparison.Ordinal);

    [Fact]
    public void Many_threads_give_results_identical_to_a_sequential_run()
    {
        var assessor = BackHipAssessor.Create(KnowledgeBase.Default, null, FixedTimeProvider.Instance);
        var cases = FsCheck.Fluent.Gen.Sample(Generators.Cases, 200).ToArray();
        var sequential = cases.Select(c => BackHipJson.WriteAssessment(assessor.Assess(c))).ToArray();
        var parallel = new ConcurrentBag<bool>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            for (var round = 0; round < 5; round++)
            {
                for (var i = worker % cases.Length; i < cases.Length; i++)
                {
                    parallel.Add(BackHipJson.WriteAssessment(assessor.Assess(cases[i])) == sequential[i]);
                }
            }
        });
        Assert.NotEmpty(parallel);
        Assert.All(parallel, Assert.True);
    }
}

public sealed class DependencyInjectionTests
{
    [Fact]
    public void Every_public_service_resolves_as_a_singleton()
    {
        using var provider = new ServiceCollection().AddBackHipDomain().BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Assert.Same(KnowledgeBase.Default, provider.GetRequiredService<KnowledgeBase>());
        Assert.Same(provider.GetRequiredService<IBackHipAssessor>(), provider.GetRequiredService<IBackHipAssessor>());
        Assert.IsType<RedFlagEvaluator>(provider.GetRequiredService<IRedFlagEvaluator>());
        Assert.IsType<DifferentialEngine>(provider.GetRequiredService<IDifferentialEngine>());
        Assert.IsType<QuestionSelector>(provider.GetRequiredService<IQuestionSelector>());
        Assert.IsType<ExercisePlanner>(provider.GetRequiredService<IExercisePlanner>());
        Assert.IsType<TriageCombiner>(provider.GetRequiredService<ITriageCombiner>());
        Assert.Equal(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        var assessment = provider.GetRequiredService<IBackHipAssessor>().Assess(Case.For(30, Sex.Female).Initial("pain-lower-back").Build());
        Assert.NotEmpty(assessment.Differential);
    }

    [Fact]
    public void A_second_call_is_harmless_and_a_host_can_replace_a_part()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(FixedTimeProvider.Instance);
        services.AddSingleton<IExercisePlanner, NoExercisePlanner>();
        services.AddBackHipDomain().AddBackHipDomain();
        Assert.Single(services, d => d.ServiceType == typeof(IBackHipAssessor));
        using var provider = services.BuildServiceProvider();
        var a = provider.GetRequiredService<IBackHipAssessor>().Assess(Case.For(30, Sex.Female).Initial("pain-lower-back").Build());
        Assert.Equal(FixedTimeProvider.Instance.GetUtcNow(), a.GeneratedAt);
        Assert.Equal(PainPhase.Chronic, a.CarePlan.Phase);
    }

    [Fact]
    public void Options_set_thresholds_list_sizes_and_a_custom_knowledge_base()
    {
        var files = KnowledgeFiles.Embedded.With(KnowledgeFiles.RedFlags, TestKnowledge.RedFlagsWithout("pain-over-two-weeks"));
        using var provider = new ServiceCollection().AddBackHipDomain(o => { o.KnowledgeFiles = files; o.MaxConditions = 2; }).BuildServiceProvider();
        Assert.DoesNotContain(provider.GetRequiredService<KnowledgeBase>().RedFlagRules, r => r.Id == "pain-over-two-weeks");
        var a = provider.GetRequiredService<IBackHipAssessor>().Assess(Case.For(45, Sex.Male).Present("pain-lower-back", "duration-6-to-12-weeks").Build());
        Assert.Equal(2, a.Differential.Length);
        Assert.DoesNotContain(a.Triage.FiredRules, r => r.RuleId == "pain-over-two-weeks");
    }

    [Theory]
    [InlineData("MaxConditions")]
    [InlineData("EmergencyCareThreshold")]
    [InlineData("KnowledgeDirectory")]
    public void A_bad_configuration_fails_at_start_naming_the_option(string option)
    {
        using var provider = new ServiceCollection().AddBackHipDomain(o =>
        {
            switch (option)
            {
                case "MaxConditions": o.MaxConditions = 0; break;
                case "EmergencyCareThreshold": o.EmergencyCareThreshold = 2; break;
                default: o.KnowledgeDirectory = "/no/such/backhip/dir"; break;
            }
        }).BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(option, ex.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IBackHipAssessor>());
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => BackHipDomainServiceCollectionExtensions.AddBackHipDomain(null!));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddBackHipDomain(null!));
    }

    private sealed class NoExercisePlanner : IExercisePlanner
    {
        public CarePlan Plan(Case patientCase, TriageResult triage, RankedDifferential differential, PlannerOptions? options = null) => new()
        {
            TriageLevel = triage.Level, Phase = PainPhase.Chronic, LikelyConditions = [], DoNow = [], Exercises = [], Progression = [], StopRules = [],
            SelfCare = [], Treatments = [], Referrals = [], Excluded = [],
        };
    }
}
