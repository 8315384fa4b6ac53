using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace BackHip.Domain.Benchmarks;

/// <summary>Each class's job, or a single dry run of everything when BACKHIP_BENCH_DRY=1 (what CI does).</summary>
internal static class Jobs
{
    public static bool IsDry => Environment.GetEnvironmentVariable("BACKHIP_BENCH_DRY") == "1";

    public static Job Pick(Job job) => IsDry ? Job.Dry : job;
}

/// <summary>ShortRun for the single-case benchmarks.</summary>
internal sealed class ScoringConfig : ManualConfig
{
    public ScoringConfig() => AddJob(Jobs.Pick(Job.ShortRun));
}

/// <summary>A short throughput job for the 36 scaling cases.</summary>
internal sealed class ScalingConfig : ManualConfig
{
    public ScalingConfig() => AddJob(Jobs.Pick(Job.Default.WithStrategy(RunStrategy.Throughput).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)));
}

/// <summary>Monitoring with server GC for the 100,000-case batch.</summary>
internal sealed class BatchConfig : ManualConfig
{
    public BatchConfig() => AddJob(Jobs.Pick(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(2)).WithGcServer(true));
}
