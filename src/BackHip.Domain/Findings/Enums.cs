namespace BackHip.Domain;

/// <summary>What kind of finding something is.</summary>
public enum FindingKind
{
    /// <summary>Something the person feels or notices.</summary>
    Symptom,

    /// <summary>A sign found on examination by a clinician.</summary>
    Sign,

    /// <summary>A fact of the person's history or a risk factor.</summary>
    History,

    /// <summary>A demographic or life-stage fact beyond age and sex.</summary>
    Demographic,

    /// <summary>A measured vital sign.</summary>
    Vital,
}

/// <summary>Who can answer a finding's question.</summary>
public enum Respondent
{
    /// <summary>The person with the pain, at home.</summary>
    Person,

    /// <summary>A clinician who can examine or measure.</summary>
    Clinician,
}

/// <summary>The side of the body a finding refers to.</summary>
public enum BodySide
{
    /// <summary>The left side.</summary>
    Left,

    /// <summary>The right side.</summary>
    Right,

    /// <summary>Both sides.</summary>
    Both,
}

/// <summary>Sex as recorded in a patient profile.</summary>
public enum Sex
{
    /// <summary>Female.</summary>
    Female,

    /// <summary>Male.</summary>
    Male,

    /// <summary>Not stated. Priors mix both sexes equally; sex-specific red-flag rules and care precautions apply as if
    /// the person could be either (the conservative reading), so both sexes' emergencies are screened.</summary>
    Unknown,
}

/// <summary>Where a case is assessed. A case that states none is scored in the model's default setting (see
/// <see cref="Differential.LikelihoodModel.Setting"/>: primary care or self-assessment).</summary>
/// <remarks>A condition's prior is the setting's prevalence when likelihoods.json gives one for the stated setting
/// (see <see cref="Differential.ConditionPrior.Settings"/>), and its default prevalence otherwise.</remarks>
public enum CareSetting
{
    /// <summary>The person checks their own symptoms (an app or a web page).</summary>
    SelfCheck,

    /// <summary>A general practice or other first-contact clinician.</summary>
    PrimaryCare,

    /// <summary>An emergency department.</summary>
    EmergencyDepartment,

    /// <summary>A specialist clinic (spine, orthopaedic, rheumatology or sports medicine) the person was referred to.</summary>
    SpecialistClinic,
}

/// <summary>The answer recorded for a finding.</summary>
public enum EvidenceState
{
    /// <summary>Not known: the same as not listing the finding at all.</summary>
    Unknown,

    /// <summary>The finding is present.</summary>
    Present,

    /// <summary>The finding is absent.</summary>
    Absent,
}

/// <summary>Where a piece of evidence came from.</summary>
public enum EvidenceOrigin
{
    /// <summary>Volunteered by the person at the start (their initial complaint).</summary>
    Initial,

    /// <summary>Answered in the adaptive interview.</summary>
    Interview,

    /// <summary>Answered in the red-flag screen.</summary>
    RedFlagScreen,

    /// <summary>Recorded by a clinician.</summary>
    Clinician,
}

/// <summary>How many options of a question group may be chosen.</summary>
public enum SelectionMode
{
    /// <summary>One option applies; choosing it makes the others absent.</summary>
    OneOf,

    /// <summary>Any number of options may apply.</summary>
    AnyOf,
}

/// <summary>Where a question group sits in an interview.</summary>
public enum QuestionStage
{
    /// <summary>An ordinary question, chosen by expected information gain.</summary>
    Detail,

    /// <summary>The presenting complaint (where it hurts, which side, how long, how it started): asked first.</summary>
    Complaint,

    /// <summary>A red-flag checklist, grouped the way the guidelines screen: asked after the complaint, before any detail.</summary>
    Checklist,
}

/// <summary>How a question is answered.</summary>
public enum QuestionType
{
    /// <summary>Yes, no or don't know about one finding.</summary>
#pragma warning disable CA1720 // "Single" is the name of the question type in the interview model.
    Single,
#pragma warning restore CA1720

    /// <summary>Choose one option (or "not sure"); the other options become absent.</summary>
    OneOf,

    /// <summary>Tick all that apply, "none of these" or "not sure"; unticked options become absent.</summary>
    AnyOf,
}
