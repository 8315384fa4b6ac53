using BackHip.Domain.Knowledge;

namespace BackHip.Domain.Tests.Knowledge;

public sealed class KnowledgeBaseTests
{
    private static KnowledgeBase Kb => KnowledgeBase.Default;

    public static TheoryData<string> RequiredConditions => new(
        "nonspecific-low-back-pain", "lumbar-muscle-strain", "poor-posture-muscle-imbalance", "hip-flexor-strain",
        "lumbar-disc-herniation", "degenerative-disc-disease", "lumbar-spinal-stenosis", "lumbar-nerve-root-impingement", "spondylolisthesis",
        "spinal-curvature", "scoliosis", "hyperlordosis", "hyperkyphosis", "lumbar-facet-osteoarthritis", "hip-osteoarthritis",
        "sacroiliac-joint-dysfunction", "femoroacetabular-impingement", "greater-trochanteric-pain-syndrome", "piriformis-syndrome",
        "axial-spondyloarthritis", "rheumatoid-arthritis", "pagets-disease-of-bone", "kidney-stone", "kidney-infection",
        "pregnancy-pelvic-girdle-pain", "menstrual-related-pain", "adductor-strain", "meralgia-paresthetica", "osteitis-pubis",
        "polymyalgia-rheumatica", "cauda-equina-syndrome", "spinal-malignancy", "spinal-metastasis", "multiple-myeloma", "spinal-infection",
        "spinal-epidural-abscess", "vertebral-osteomyelitis-discitis", "spinal-tuberculosis", "osteoporotic-vertebral-fracture",
        "hip-fracture", "traumatic-hip-dislocation", "septic-arthritis-hip", "avascular-necrosis-femoral-head",
        "slipped-capital-femoral-epiphysis", "abdominal-aortic-aneurysm", "aortic-dissection");

    public static TheoryData<string> RequiredFindings => new(
        "pain-lower-back", "pain-hip", "pain-groin", "pain-buttock", "pain-thigh", "pain-below-knee", "pain-left-side", "pain-right-side",
        "pain-both-sides", "pain-dull-ache", "pain-sharp", "pain-shooting", "pain-burning", "leg-tingling", "onset-sudden-lifting",
        "fall-or-trauma", "onset-gradual", "duration-under-2-weeks", "duration-6-to-12-weeks", "duration-over-12-weeks",
        "morning-stiffness-30-to-60-minutes", "morning-stiffness-over-60-minutes", "night-pain", "pain-at-rest", "worse-bending",
        "worse-sitting", "worse-standing", "worse-walking", "relieved-leaning-forward", "worse-activity", "relieved-rest",
        "relieved-exercise", "worse-stairs", "worse-running", "leg-numbness", "leg-weakness", "limp", "difficulty-walking", "stiffness",
        "reduced-range-of-motion", "tenderness", "local-swelling", "muscle-spasm", "sleep-problems", "bladder-dysfunction",
        "bowel-dysfunction", "saddle-numbness", "fever-or-chills", "blood-in-urine", "pain-flank", "unexplained-weight-loss", "malaise",
        "loss-of-appetite", "hearing-loss", "headaches", "bowed-legs", "cannot-bear-weight", "cannot-move-leg", "sudden-hip-swelling",
        "visible-deformity", "heavy-lifting", "prolonged-sitting", "sedentary-lifestyle", "obesity", "smoking", "history-of-cancer",
        "long-term-corticosteroids", "iv-drug-use", "immunosuppression", "osteoporosis", "recent-infection", "related-to-menstrual-cycle",
        "slr-positive", "crossed-slr-positive", "faber-positive", "fadir-positive", "reduced-hip-internal-rotation",
        "si-provocation-cluster-positive", "midline-spinal-tenderness", "focal-neurological-deficit", "leg-shortened-externally-rotated",
        "pulsatile-abdominal-mass", "fever-measured", "tachycardia", "hypotension");

    [Theory]
    [MemberData(nameof(RequiredConditions))]
    public void Default_contains_condition_with_every_field(string id)
    {
        Assert.True(Kb.TryGetCondition(id, out var c), $"missing condition {id}");
        Assert.False(string.IsNullOrWhiteSpace(c.Name));
        Assert.False(string.IsNullOrWhiteSpace(c.Description));
        Assert.False(string.IsNullOrWhiteSpace(c.Profile.Summary));
        Assert.NotEmpty(c.Regions);
        Assert.NotEmpty(c.Icd10Cm);
        Assert.NotEmpty(c.SourceKeys);
        Assert.All(c.SourceKeys, k => Assert.True(Kb.Sources.ContainsKey(k), $"{id}: source {k} does not resolve"));
    }

    [Theory]
    [MemberData(nameof(RequiredFindings))]
    public void Default_contains_finding_with_question_and_respondent(string id)
    {
        Assert.True(Kb.TryGetFinding(id, out var f), $"missing finding {id}");
        Assert.EndsWith("?", f.Question, StringComparison.Ordinal);
        Assert.True(Enum.IsDefined(f.AnsweredBy));
        Assert.NotEmpty(f.SourceKeys);
    }

    [Fact]
    public void Exam_signs_are_answered_by_clinicians_and_symptoms_by_the_person()
    {
        Assert.All(Kb.Findings.Where(f => f.Kind is FindingKind.Sign or FindingKind.Vital), f => Assert.Equal(Respondent.Clinician, f.AnsweredBy));
        Assert.All(Kb.Findings.Where(f => f.Kind == FindingKind.Symptom), f => Assert.Equal(Respondent.Person, f.AnsweredBy));
    }

    [Fact]
    public void Serious_conditions_that_must_not_be_missed_are_flagged()
    {
        string[] mustNotMiss = ["cauda-equina-syndrome", "spinal-malignancy", "spinal-metastasis", "multiple-myeloma", "spinal-infection",
            "spinal-epidural-abscess", "vertebral-osteomyelitis-discitis", "spinal-tuberculosis", "osteoporotic-vertebral-fracture", "hip-fracture",
            "traumatic-hip-dislocation", "septic-arthritis-hip", "avascular-necrosis-femoral-head", "slipped-capital-femoral-epiphysis",
            "abdominal-aortic-aneurysm", "aortic-dissection"];
        Assert.All(mustNotMiss, id => Assert.True(Kb.GetCondition(id).IsSerious, id));
        Assert.False(Kb.GetCondition("lumbar-muscle-strain").IsSerious);
    }

    [Fact]
    public void Hierarchy_links_curvatures_to_their_grouping_parent()
    {
        var children = Kb.Conditions.Where(c => c.ParentId == "spinal-curvature").Select(c => c.Id).Order(StringComparer.Ordinal);
        Assert.Equal(["hyperkyphosis", "hyperlordosis", "scoliosis"], children);
        Assert.True(Kb.GetCondition("spinal-curvature").IsGrouping);
    }

    [Theory]
    [InlineData("spinal-malignancy", new[] { "spinal-metastasis", "multiple-myeloma" })]
    [InlineData("spinal-infection", new[] { "spinal-epidural-abscess", "vertebral-osteomyelitis-discitis", "spinal-tuberculosis" })]
    public void Serious_groups_are_split_into_scored_children_that_keep_the_parents_care_level(string parent, string[] children)
    {
        var group = Kb.GetCondition(parent);
        Assert.True(group.IsGrouping);
        Assert.DoesNotContain(Kb.Likelihoods.Priors, p => p.ConditionId == parent);
        Assert.DoesNotContain(Kb.Likelihoods.Pairs, p => p.ConditionId == parent);
        Assert.Equal(children, Kb.ScoredConditionsFor(parent));
        Assert.All(children, id =>
        {
            var child = Kb.GetCondition(id);
            Assert.Equal(parent, child.ParentId);
            Assert.Equal([parent], Kb.GroupingsOf(id));
            Assert.Equal([id], Kb.ScoredConditionsFor(id));
            Assert.True(child.IsSerious && !child.IsGrouping, id);
            Assert.True(child.CareLevel.Level >= group.CareLevel.Level, id);
            Assert.NotEmpty(child.Icd10Cm);
            Assert.Contains(Kb.Likelihoods.Priors, p => p.ConditionId == id);
        });
    }

    [Fact]
    public void Question_groups_cover_location_side_duration_and_aggravators()
    {
        var location = Assert.Single(Kb.QuestionGroups, g => g.Id == "pain-location");
        Assert.Equal(SelectionMode.AnyOf, location.Mode);
        var side = Assert.Single(Kb.QuestionGroups, g => g.Id == "pain-side");
        Assert.Equal(SelectionMode.OneOf, side.Mode);
        Assert.Equal(["pain-left-side", "pain-right-side", "pain-both-sides"], side.Options.Select(o => o.FindingId));
        Assert.Equal(SelectionMode.OneOf, Assert.Single(Kb.QuestionGroups, g => g.Id == "pain-duration").Mode);
        Assert.Contains(Kb.QuestionGroups, g => g.Id == "worse-with" && g.Mode == SelectionMode.AnyOf);
    }

    [Fact]
    public void Every_cited_key_in_every_file_resolves()
    {
        var cited = Kb.Conditions.SelectMany(c => c.SourceKeys)
            .Concat(Kb.Findings.SelectMany(f => f.SourceKeys))
            .Concat(Kb.QuestionGroups.SelectMany(g => g.SourceKeys))
            .Concat(Kb.RedFlagRules.SelectMany(r => r.SourceKeys))
            .Concat(Kb.Likelihoods.Pairs.Select(p => p.SourceKey))
            .Concat(Kb.Likelihoods.Priors.Select(p => p.SourceKey))
            .Concat(Kb.Likelihoods.Priors.SelectMany(p => p.Modifiers).Select(m => m.SourceKey));
        Assert.All(cited, key => Assert.True(Kb.Sources.ContainsKey(key), key));
    }

    [Theory]
    [InlineData("279039007", true)]
    [InlineData("23056005", true)]
    [InlineData("192970008", true)]
    [InlineData("239872002", true)]
    [InlineData("45816000", true)]
    [InlineData("69896004", true)]
    [InlineData("279039008", false)]
    [InlineData("12345", false)]
    [InlineData("0279039007", false)]
    public void Snomed_ids_are_checked_with_the_verhoeff_digit(string id, bool valid) =>
        Assert.Equal(valid, KnowledgeLoader.IsValidSctId(id));

    [Fact]
    public void Every_snomed_id_in_the_default_base_passes_its_check_digit() =>
        Assert.All(Kb.Conditions.Where(c => c.SnomedCt is not null), c => Assert.True(KnowledgeLoader.IsValidSctId(c.SnomedCt!.Id), c.Id));

    [Fact]
    public void Version_is_stable_for_identical_files_and_changes_with_content()
    {
        var again = KnowledgeBase.Load(KnowledgeFiles.Embedded);
        Assert.Equal(Kb.Version, again.Version);
        var text = KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Conditions].Replace("Lumbar muscle strain or ligament sprain", "Lumbar muscle strain (edited)", StringComparison.Ordinal);
        var edited = KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Conditions, text));
        Assert.NotEqual(Kb.Version, edited.Version);
        Assert.Equal("Lumbar muscle strain (edited)", edited.GetCondition("lumbar-muscle-strain").Name);
    }

    [Fact]
    public void Loads_from_a_directory_holding_every_file()
    {
        var dir = Directory.CreateTempSubdirectory("backhip-kb-");
        try
        {
            foreach (var (name, text) in KnowledgeFiles.Embedded.Contents)
            {
                File.WriteAllText(Path.Combine(dir.FullName, name), text);
            }

            File.WriteAllText(Path.Combine(dir.FullName, KnowledgeFiles.RedFlags), TestKnowledge.RedFlagsWithout("pain-over-two-weeks"));
            var kb = KnowledgeBase.LoadFromDirectory(dir.FullName);
            Assert.Equal(Kb.RedFlagRules.Length - 1, kb.RedFlagRules.Length);
            Assert.DoesNotContain(kb.RedFlagRules, r => r.Id == "pain-over-two-weeks");
            Assert.Equal(Kb.Conditions.Length, kb.Conditions.Length);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Estimate_share_is_reported()
    {
        var (total, estimates) = Kb.Likelihoods.CountGrades();
        var share = (double)estimates / total;
        TestContext.Current.TestOutputHelper?.WriteLine($"Likelihood numbers: {total}, graded estimate: {estimates} ({share:P0})");
        Assert.InRange(share, 0, 1);
        Assert.True(total > Kb.Likelihoods.Priors.Length);
    }
}
