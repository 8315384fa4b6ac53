using System.Diagnostics;
using System.Text.RegularExpressions;

namespace BackHip.Domain.Tests.Hardening;

/// <summary>A knowledge file cannot hide a change, and loading throws only its documented exceptions (issue 17, defects 7 and 8).</summary>
public sealed class KnowledgeFileTests
{
    private static readonly string RedFlags = KnowledgeFiles.Embedded.Contents[KnowledgeFiles.RedFlags];

    private static BackHipValidationException LoadFails(KnowledgeFiles files) =>
        Assert.Throws<BackHipValidationException>(() => KnowledgeBase.Load(files));

    private static KnowledgeFiles WithFirstLevel(string replacement) =>
        KnowledgeFiles.Embedded.With(KnowledgeFiles.RedFlags, new Regex("\"level\": ").Replace(RedFlags, replacement, 1));

    [Fact]
    public void A_duplicate_key_is_rejected_naming_file_path_and_key()
    {
        var ex = LoadFails(WithFirstLevel("\"level\": \"selfCare\", \"level\": "));
        var p = Assert.Single(ex.Problems);
        Assert.Equal("duplicate-key", p.Code);
        Assert.Equal(KnowledgeFiles.RedFlags, p.File);
        Assert.Equal("$.rules[0].level", p.Path);
        Assert.Contains("'level'", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_variant_key_is_rejected_naming_file_path_and_key()
    {
        var ex = LoadFails(WithFirstLevel("\"Level\": \"selfCare\", \"level\": "));
        var p = Assert.Single(ex.Problems, p => p.Code == "duplicate-key");
        Assert.Equal(KnowledgeFiles.RedFlags, p.File);
        Assert.Equal("$.rules[0].level", p.Path);
        Assert.Contains("'Level'", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_in_another_letter_case_is_not_read_as_the_documented_one()
    {
        var ex = LoadFails(WithFirstLevel("\"Level\": "));
        Assert.Contains(ex.Problems, p => p.File == KnowledgeFiles.RedFlags && p.Path == "$.rules[0].Level");
        Assert.All(ex.Problems, p => Assert.DoesNotContain("BackHip.", p.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("consultation, selfCare")]
    [InlineData("Emergency")]
    [InlineData(" emergency")]
    [InlineData("1")]
    public void Enum_values_in_knowledge_files_are_spelled_exactly(string level)
    {
        var text = new Regex("\"level\": \"emergency\"").Replace(RedFlags, "\"level\": \"" + level + "\"", 1);
        var ex = LoadFails(KnowledgeFiles.Embedded.With(KnowledgeFiles.RedFlags, text));
        Assert.Contains(ex.Problems, p => p.Code == "unknown-value" && p.File == KnowledgeFiles.RedFlags && p.Path == "$.rules[0].level");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_lone_surrogate_is_a_validation_problem(bool raw)
    {
        var surrogate = raw ? ((char)0xD800).ToString() : "\\ud800";
        var conditions = KnowledgeFiles.Embedded.Contents[KnowledgeFiles.Conditions];
        var at = conditions.IndexOf("Lumbar muscle strain", StringComparison.Ordinal);
        var ex = LoadFails(KnowledgeFiles.Embedded.With(KnowledgeFiles.Conditions, conditions.Insert(at, surrogate)));
        Assert.Contains(ex.Problems, p => p.File == KnowledgeFiles.Conditions);
    }

    private static DirectoryInfo CopyOfEmbedded()
    {
        var dir = Directory.CreateTempSubdirectory("backhip-kb-");
        foreach (var (name, text) in KnowledgeFiles.Embedded.Contents)
        {
            File.WriteAllText(Path.Combine(dir.FullName, name), text);
        }

        return dir;
    }

    [Fact]
    public void A_complete_directory_loads_the_same_knowledge_base()
    {
        var dir = CopyOfEmbedded();
        try
        {
            Assert.Equal(KnowledgeBase.Default.Version, KnowledgeBase.LoadFromDirectory(dir.FullName).Version);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_misnamed_file_is_rejected_instead_of_falling_back_to_the_embedded_one()
    {
        var dir = CopyOfEmbedded();
        try
        {
            File.Move(Path.Combine(dir.FullName, "redflags.json"), Path.Combine(dir.FullName, "RedFlags.json"));
            var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.LoadFromDirectory(dir.FullName));
            Assert.Contains(ex.Problems, p => p.Code == "missing-file" && p.File == "redflags.json");
            Assert.Contains(ex.Problems, p => p.Code == "unexpected-file" && p.File == "RedFlags.json");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_directory_missing_a_file_is_rejected_naming_it()
    {
        var dir = CopyOfEmbedded();
        try
        {
            File.Delete(Path.Combine(dir.FullName, KnowledgeFiles.Likelihoods));
            var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.LoadFromDirectory(dir.FullName));
            var p = Assert.Single(ex.Problems);
            Assert.Equal(("missing-file", KnowledgeFiles.Likelihoods), (p.Code, p.File));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_dangling_symlink_is_a_validation_problem_not_a_FileNotFoundException()
    {
        var dir = CopyOfEmbedded();
        try
        {
            var path = Path.Combine(dir.FullName, KnowledgeFiles.Conditions);
            File.Delete(path);
            File.CreateSymbolicLink(path, Path.Combine(dir.FullName, "nowhere.json"));
            var ex = Assert.Throws<BackHipValidationException>(() => KnowledgeBase.LoadFromDirectory(dir.FullName));
            Assert.Contains(ex.Problems, p => p.Code == "unreadable-file" && p.File == KnowledgeFiles.Conditions);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_fifo_named_like_a_knowledge_file_does_not_block_loading()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "FIFOs are a Unix feature.");
        var dir = CopyOfEmbedded();
        try
        {
            var path = Path.Combine(dir.FullName, KnowledgeFiles.Care);
            File.Delete(path);
            using (var mkfifo = Process.Start("mkfifo", [path]))
            {
                await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
                Assert.Equal(0, mkfifo.ExitCode);
            }

            var load = Task.Run(() => KnowledgeBase.LoadFromDirectory(dir.FullName), TestContext.Current.CancellationToken);
            var finished = await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
            if (finished != load)
            {
                // Unblock the reader so the test process can exit, then fail.
                await using (new FileStream(path, FileMode.Open, FileAccess.Write))
                {
                }

                Assert.Fail("Loading blocked on a FIFO.");
            }

            var ex = await Assert.ThrowsAsync<BackHipValidationException>(() => load);
            Assert.Contains(ex.Problems, p => p.File == KnowledgeFiles.Care);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
