namespace BackHip.Domain;

#pragma warning disable CA1812 // Instantiated by the source-generated serializer.
#pragma warning disable CA1002, CA2227 // Lists on internal DTOs are fine.

/// <summary>Wire shape of a criterion node, as red-flag rules (redflags.json) and prior modifiers (likelihoods.json)
/// write it. Every member is nullable so the reader can report every problem at once, with its JSON path.</summary>
internal sealed class ExpressionDto
{
    public string? Finding { get; set; }
    public List<ExpressionDto?>? AllOf { get; set; }
    public List<ExpressionDto?>? AnyOf { get; set; }
    public int? AtLeast { get; set; }
    public List<ExpressionDto?>? Of { get; set; }
    public int? AgeAtLeast { get; set; }
    public int? AgeBelow { get; set; }
    public string? Sex { get; set; }
    public bool? Pregnant { get; set; }
}
