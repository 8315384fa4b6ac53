namespace BackHip.Domain;

/// <summary>The broad kind of cause a condition belongs to.</summary>
public enum ConditionCategory
{
    /// <summary>Mechanical: muscles, ligaments, joints under load.</summary>
    Mechanical,

    /// <summary>Radicular or neurogenic: a nerve root or peripheral nerve is irritated or compressed.</summary>
    Radicular,

    /// <summary>Degenerative: age-related wear of discs, joints or alignment.</summary>
    Degenerative,

    /// <summary>Inflammatory: an inflammatory or autoimmune disease.</summary>
    Inflammatory,

    /// <summary>Visceral or referred: pain felt in the back or hip from an organ or vessel.</summary>
    Visceral,

    /// <summary>Serious or systemic: fracture, malignancy, infection, neurological compromise, systemic bone disease.</summary>
    Serious,

    /// <summary>Pregnancy-related or hormonal.</summary>
    Hormonal,
}

/// <summary>A body region where pain or a finding is felt.</summary>
public enum BodyRegion
{
    /// <summary>The lower back (lumbar region).</summary>
    LowerBack,

    /// <summary>The sacroiliac joint region at the back of the pelvis.</summary>
    Sacroiliac,

    /// <summary>The buttock.</summary>
    Buttock,

    /// <summary>The hip joint.</summary>
    Hip,

    /// <summary>The outer (lateral) hip over the greater trochanter.</summary>
    LateralHip,

    /// <summary>The groin.</summary>
    Groin,

    /// <summary>The thigh.</summary>
    Thigh,

    /// <summary>The leg below the knee.</summary>
    LowerLeg,

    /// <summary>The flank, between the ribs and the hip.</summary>
    Flank,

    /// <summary>The abdomen.</summary>
    Abdomen,

    /// <summary>The pelvis, including the pubic symphysis.</summary>
    Pelvis,

    /// <summary>The saddle area: perineum, genitals, inner buttocks.</summary>
    Saddle,

    /// <summary>The knee and the area around it, where hip pain is often referred.</summary>
    /// <remarks>Added after <see cref="Saddle"/> so that the numeric values of the earlier members do not change.</remarks>
    Knee,

    /// <summary>The upper and middle (thoracic) back, between and below the shoulder blades: pain there is a red-flag site
    /// for spinal malignancy, infection and fracture.</summary>
    /// <remarks>Added after <see cref="Knee"/> so that the numeric values of the earlier members do not change.</remarks>
    ThoracicBack,
}

/// <summary>Which sex a condition is more common in.</summary>
public enum SexPredominance
{
    /// <summary>No clear predominance, or none reported.</summary>
    None,

    /// <summary>More common in women.</summary>
    Female,

    /// <summary>More common in men.</summary>
    Male,
}

/// <summary>How far a terminology code has been checked against a source.</summary>
public enum CodeStatus
{
    /// <summary>Seen in a public copy of the code system, or for SNOMED CT in two or more independent terminology files.</summary>
    Verified,

    /// <summary>SNOMED CT: seen only in unofficial third-party files.</summary>
    Unofficial,

    /// <summary>Common coding practice for a condition without a dedicated code.</summary>
    Practice,

    /// <summary>Not checked against a copy of the code system; confirm against the current release before use.</summary>
    Unverified,
}
