using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(BackHip.Domain.Benchmarks.ScoringBenchmarks).Assembly).Run(args);
