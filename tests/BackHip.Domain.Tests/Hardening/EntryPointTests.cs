using BackHip.Domain.Differential;
using BackHip.Domain.Instruments;
using BackHip.Domain.Serialization;
using BackHip.Domain.Triage;
using FsCheck;
using FsCheck.Fluent;

namespace BackHip.Domain.Tests.Hardening;

/// <summary>Every public entry point throws only its documented exceptions, whatever a hand-built case holds (issue 17, defect 7).</summary>
public sealed class EntryPointTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Default;
    private static readonly BackHipAssessor Assessor = BackHipAssessor.Create(Kb, null, FixedTimeProvider.Instance);

    [Theory]
    [InlineData(-1, 1, 1)]
    [InlineData(3, 1, 1)]
    [InlineData(int.MinValue, 1, 1)]
    [InlineData(1, -1, 1)]
    [InlineData(1, 3, 1)]
    [InlineData(1, 1, -1)]
    [InlineData(1, 1, 4)]
    public void Out_of_range_enum_values_are_validation_problems_not_overflows(int sex, int state, int origin)
    {
        var c = Case.Create(new PatientProfile { Age = 40, Sex = (Sex)sex }, [new Evidence { FindingId = "night-pain", State = (EvidenceState)state, Origin = (EvidenceOrigin)origin }]);
        Assert.Throws<BackHipValidationException>(() => new DifferentialEngine(Kb).Score(c));
        Assert.Throws<BackHipValidationException>(() => new DifferentialEngine(Kb).ScoreInto(c, new double[Kb.Conditions.Length]));
        Assert.Throws<BackHipValidationException>(() => new RedFlagEvaluator(Kb).EvaluateLevel(c));
        Assert.Throws<BackHipValidationException>(() => new RedFlagEvaluator(Kb).Evaluate(c));
        Assert.Throws<BackHipValidationException>(() => Assessor.Assess(c));
        Assert.False(Kb.Validate(c).IsValid);
    }

    [Fact]
    public void A_full_roland_morris_answer_set_can_be_hashed_so_a_case_carrying_it_can_be_a_dictionary_key()
    {
        var responses = new InstrumentResponses { RolandMorris = new RolandMorrisResponses { Items = [.. Enumerable.Range(0, 24).Select(i => (bool?)(i % 3 == 0))] } };
        var c = Case.For(40, Sex.Female).Initial("pain-lower-back").WithInstruments(responses).Build();
        var set = new HashSet<Case> { c };
        Assert.Contains(Case.For(40, Sex.Female).Initial("pain-lower-back").WithInstruments(responses with { }).Build(), set);
    }

    /// <summary>Hand-built cases with any integers in their enums, any ages and any instrument numbers.</summary>
    private static Gen<Case> WildCases =>
        from age in Gen.Choose(-5, 130)
        from sex in Gen.Choose(-2, 3)
        from pregnant in Gen.Elements(true, false)
        from items in Gen.ArrayOf(
            from finding in Gen.Elements([.. Generators.StatableFindings.Take(40), "", " ", "no-such-finding", "asas-ibp-criteria"])
            from state in Gen.Choose(-2, 4)
            from origin in Gen.Choose(-2, 5)
            from initial in Gen.Elements(true, false)
            select new Evidence { FindingId = finding, State = (EvidenceState)state, Origin = (EvidenceOrigin)origin, IsInitial = initial })
        from bother in Gen.Choose(-2, 6)
        from section in Gen.Choose(-3, 8)
        from pain in Gen.Choose(-3, 13)
        from withInstruments in Gen.Elements(true, false)
        select Case.Create(
            new PatientProfile { Age = age, Sex = (Sex)sex, IsPregnant = pregnant },
            items.Take(12),
            withInstruments
                ? new InstrumentResponses
                {
                    StartBack = new StartBackResponses { ReferredLegPain = true, ComorbidPain = false, WalksShortDistances = true, DressesSlowly = false, Fear = true, Anxiety = false, Catastrophising = true, LowMood = false, Bothersomeness = (Bothersomeness)bother },
                    Oswestry = new OswestryResponses { PainIntensity = section, Walking = int.MaxValue - section, Lifting = section },
                    RolandMorris = new RolandMorrisResponses { Items = [.. Enumerable.Range(0, 24).Select(i => (bool?)(i < section))] },
                    PainIntensity = pain,
                }
                : null);

    [Fact]
    public void Any_hand_built_case_gets_a_result_or_a_validation_exception_from_every_entry_point()
    {
        var engine = new DifferentialEngine(Kb);
        var triage = new RedFlagEvaluator(Kb);
        var selector = new QuestionSelector(Kb);
        Properties.Check(Prop.ForAll(Arb.From(WildCases), c =>
        {
            var valid = Kb.Validate(c).IsValid;
            _ = c.GetHashCode();
            Assert.True(c.Equals(Case.Create(c.Profile, c.Evidence, c.Instruments)));
            foreach (var call in new Action[]
            {
                () => engine.Score(c),
                () => engine.ScoreInto(c, new double[engine.ConditionOrder.Length]),
                () => triage.EvaluateLevel(c),
                () => triage.Evaluate(c),
                () => selector.Rank(c),
                () => selector.ShouldStop(c, 3),
                () => Assessor.Assess(c),
                () => engine.Explain(c, "lumbar-disc-herniation"),
            })
            {
                try
                {
                    call();
                    Assert.True(valid, "an invalid case was accepted");
                }
                catch (BackHipValidationException ex)
                {
                    Assert.False(valid, "a valid case was rejected: " + ex.Message);
                }
            }

            try
            {
                var written = BackHipJson.WriteCase(c);
                if (valid)
                {
                    Assert.Equal(c, BackHipJson.ReadCase(written));
                }
            }
            catch (BackHipValidationException)
            {
                Assert.False(valid);
            }

            if (c.Instruments is { } instruments)
            {
                var instrumentsValid = InstrumentScoring.Validate(instruments).IsValid;
                try
                {
                    InstrumentScoring.Score(instruments);
                    Assert.True(instrumentsValid);
                }
                catch (BackHipValidationException)
                {
                    Assert.False(instrumentsValid);
                }
            }

            return true;
        }), maxTest: 300);
    }
}
