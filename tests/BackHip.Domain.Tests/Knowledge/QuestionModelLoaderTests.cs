using System.Text.Json.Nodes;

namespace BackHip.Domain.Tests.Knowledge;

/// <summary>The loader's checks of the question model: follow-up dependencies and red-flag checklist coverage.</summary>
public sealed class QuestionModelLoaderTests
{
    private static BackHipValidationException LoadEditing(Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Findings])!;
        edit(node);
        return Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(KnowledgeFiles.Embedded.With(KnowledgeFiles.Findings, node.ToJsonString())));
    }

    private static (JsonObject Finding, int Index) Finding(JsonNode node, string id)
    {
        var list = node["findings"]!.AsArray();
        var index = list.Select((f, i) => (f, i)).Single(x => (string?)x.f!["id"] == id).i;
        return (list[index]!.AsObject(), index);
    }

    [Fact]
    public void Every_person_answerable_red_flag_is_in_a_checklist_or_a_complaint_question()
    {
        var kb = KnowledgeBase.Default;
        var covered = kb.QuestionGroups.Where(g => g.Stage is QuestionStage.Checklist or QuestionStage.Complaint).SelectMany(g => g.Options.Select(o => o.FindingId)).ToHashSet();
        Assert.All(kb.RedFlagFindingIds.Where(f => kb.GetFinding(f) is { IsComposite: false, AnsweredBy: Respondent.Person }), f => Assert.Contains(f, covered));
        string[] expected = ["checklist-cauda-equina", "checklist-infection-sepsis", "checklist-cancer", "checklist-fracture-injury", "checklist-aneurysm-collapse", "checklist-pregnancy-gynaecological", "checklist-testicular", "checklist-limping-child"];
        Assert.All(expected, id => Assert.Contains(kb.QuestionGroups, g => g.Id == id && g.Stage == QuestionStage.Checklist && g.Mode == SelectionMode.AnyOf && !string.IsNullOrWhiteSpace(g.Rationale)));
        Assert.Equal(Sex.Male, kb.QuestionGroups.Single(g => g.Id == "checklist-testicular").AppliesTo!.Sex);
        Assert.Equal(18, kb.QuestionGroups.Single(g => g.Id == "checklist-limping-child").AppliesTo!.AgeBelow);
    }

    [Theory]
    [InlineData(Sex.Male, true, true)]
    [InlineData(Sex.Female, false, true)]
    [InlineData(Sex.Unknown, true, true)]
    public void Sex_specific_checklists_apply_to_their_sex_and_to_a_person_whose_sex_is_not_stated(Sex sex, bool testicular, bool pregnancy)
    {
        var kb = KnowledgeBase.Default;
        var c = Case.For(30, sex).Present("pain-groin").Build();
        Assert.Equal(testicular, kb.QuestionGroups.Single(g => g.Id == "checklist-testicular").AppliesTo!.Matches(c));
        var gyn = kb.QuestionGroups.Single(g => g.Id == "checklist-pregnancy-gynaecological").AppliesTo!;
        Assert.Equal(pregnancy && sex != Sex.Male, gyn.Matches(c));
        Assert.False(gyn.Matches(Case.For(70, Sex.Unknown).Present("pain-groin").Build()));
    }

    [Fact]
    public void A_red_flag_finding_left_out_of_every_checklist_is_rejected_with_file_id_and_path()
    {
        var ex = LoadEditing(node =>
        {
            foreach (var group in node["questionGroups"]!.AsArray())
            {
                var options = group!["options"]!.AsArray();
                foreach (var o in options.Where(o => (string?)o!["finding"] == "pulsating-abdomen").ToList())
                {
                    options.Remove(o);
                }
            }
        });
        var p = Assert.Single(ex.Problems, p => p.Code == "checklist-coverage");
        Assert.Equal("pulsating-abdomen", p.Id);
        Assert.Equal(KnowledgeFiles.Findings, p.File);
        Assert.StartsWith("$.findings[", p.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Dangling_and_cyclic_follow_ups_are_rejected_with_file_id_and_path()
    {
        var dangling = LoadEditing(node => Finding(node, "major-trauma").Finding["requires"] = new JsonArray("no-such-finding"));
        var d = Assert.Single(dangling.Problems, p => p.Code == "dangling-reference" && p.Id == "major-trauma");
        Assert.EndsWith(".requires[0]", d.Path, StringComparison.Ordinal);
        Assert.Equal(KnowledgeFiles.Findings, d.File);

        var cycle = LoadEditing(node => Finding(node, "fall-or-trauma").Finding["requires"] = new JsonArray("major-trauma"));
        var c = Assert.Single(cycle.Problems, p => p.Code == "dependency-cycle" && p.Id == "fall-or-trauma");
        Assert.Contains("fall-or-trauma -> major-trauma -> fall-or-trauma", c.Message, StringComparison.Ordinal);
        Assert.Equal($"$.findings[{Finding(JsonNode.Parse(KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Findings])!, "fall-or-trauma").Index}].requires", c.Path);

        var self = LoadEditing(node => Finding(node, "limp").Finding["requires"] = new JsonArray("limp"));
        Assert.Contains(self.Problems, p => p.Code == "dependency-cycle" && p.Id == "limp");
    }
}
