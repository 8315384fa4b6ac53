namespace BackHip.Domain.Tests.Hardening;

/// <summary>
/// The stress switch: <c>BACKHIP_STRESS=1</c> runs the reliability tests at full scale (100,000 fuzzed documents,
/// 8 threads × 50,000 assessments); without it they run at a size that keeps CI fast.
/// </summary>
internal static class Stress
{
    public static bool Enabled => Environment.GetEnvironmentVariable("BACKHIP_STRESS") == "1";

    /// <summary>The CI size, or the stress size when the switch is on.</summary>
    public static int Size(int ci, int stress) => Enabled ? stress : ci;
}
