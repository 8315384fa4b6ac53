namespace BackHip.Domain.Exercises;

/// <summary>What kind of exercise something is.</summary>
public enum ExerciseCategory
{
    /// <summary>A static stretch.</summary>
    Stretch,

    /// <summary>Gentle movement through a range.</summary>
    Mobility,

    /// <summary>Strengthening against load.</summary>
    Strength,

    /// <summary>Control of the trunk and pelvis (deep stabilisers).</summary>
    MotorControl,

    /// <summary>Aerobic activity such as walking or cycling.</summary>
    Aerobic,
}

/// <summary>The body position an exercise is done in.</summary>
public enum BodyPosition
{
    /// <summary>Lying on the back.</summary>
    Supine,

    /// <summary>Lying face down.</summary>
    Prone,

    /// <summary>Lying on the side.</summary>
    SideLying,

    /// <summary>On hands and knees.</summary>
    Quadruped,

    /// <summary>Sitting.</summary>
    Seated,

    /// <summary>Standing.</summary>
    Standing,

    /// <summary>Kneeling.</summary>
    Kneeling,
}

/// <summary>A muscle or muscle group, with hip and trunk detail.</summary>
public enum Muscle
{
    /// <summary>Gluteus maximus.</summary>
    GluteusMaximus,

    /// <summary>Gluteus medius.</summary>
    GluteusMedius,

    /// <summary>Gluteus minimus.</summary>
    GluteusMinimus,

    /// <summary>The deep hip rotators.</summary>
    DeepHipRotators,

    /// <summary>Piriformis.</summary>
    Piriformis,

    /// <summary>Iliopsoas.</summary>
    Iliopsoas,

    /// <summary>Rectus femoris.</summary>
    RectusFemoris,

    /// <summary>Hamstrings.</summary>
    Hamstrings,

    /// <summary>Hip adductors.</summary>
    Adductors,

    /// <summary>Quadriceps.</summary>
    Quadriceps,

    /// <summary>Calf muscles.</summary>
    Calves,

    /// <summary>Multifidus.</summary>
    Multifidus,

    /// <summary>Erector spinae.</summary>
    ErectorSpinae,

    /// <summary>Quadratus lumborum.</summary>
    QuadratusLumborum,

    /// <summary>Transversus abdominis.</summary>
    TransversusAbdominis,

    /// <summary>Rectus abdominis.</summary>
    RectusAbdominis,

    /// <summary>The oblique abdominals.</summary>
    Obliques,

    /// <summary>Latissimus dorsi.</summary>
    LatissimusDorsi,

    /// <summary>The diaphragm.</summary>
    Diaphragm,
}

/// <summary>Equipment an exercise needs; all of it is home-friendly.</summary>
public enum Equipment
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>A mat or soft floor.</summary>
    Mat,

    /// <summary>A firm chair.</summary>
    Chair,

    /// <summary>An elastic band or belt.</summary>
    Band,

    /// <summary>A low step or stair.</summary>
    Step,

    /// <summary>An exercise bike.</summary>
    ExerciseBike,
}

/// <summary>How demanding an exercise is.</summary>
public enum ExerciseLevel
{
    /// <summary>For anyone starting out.</summary>
    Beginner,

    /// <summary>After the beginner level is comfortable.</summary>
    Intermediate,

    /// <summary>For the later, chronic phase.</summary>
    Advanced,
}

/// <summary>A load an exercise puts on the spine or hip, used by contraindication rules.</summary>
public enum LoadTag
{
    /// <summary>Forward bending of the spine.</summary>
    SpinalFlexion,

    /// <summary>Backward bending of the spine.</summary>
    SpinalExtension,

    /// <summary>Twisting of the spine.</summary>
    SpinalRotation,

    /// <summary>Load along the spine.</summary>
    AxialLoad,

    /// <summary>Hip flexion beyond about 90 degrees.</summary>
    DeepHipFlexion,

    /// <summary>Standing on the legs.</summary>
    WeightBearing,

    /// <summary>Forward bending of the spine against load (curl-ups, sit-ups).</summary>
    LoadedSpinalFlexion,

    /// <summary>Hip adduction: the thigh pulled or dropped across the midline (crossed-leg stretches, knees dropped to
    /// one side), which compresses the gluteal tendons and is avoided after a posterior-approach hip replacement.</summary>
    HipAdduction,

    /// <summary>Hip internal rotation: the thigh turned inwards, as when both knees drop to one side.</summary>
    HipInternalRotation,

    /// <summary>Hip extension past neutral: the thigh taken behind the body, as in a hip-flexor stretch.</summary>
    HipExtension,

    /// <summary>Active hip abduction: lifting or pushing the leg out to the side against gravity or resistance.</summary>
    HipAbduction,
}

/// <summary>How an exercise is dosed.</summary>
public enum DoseType
{
    /// <summary>Held for seconds.</summary>
    Hold,

    /// <summary>Repetitions in sets.</summary>
    Reps,

    /// <summary>Minutes of activity.</summary>
    Duration,

    /// <summary>Metres of activity.</summary>
    Distance,
}

/// <summary>The phase of pain by duration: acute under 6 weeks, subacute 6–12, chronic over 12 (GP CPD Wales definitions).</summary>
public enum PainPhase
{
    /// <summary>Under 6 weeks.</summary>
    Acute,

    /// <summary>6 to 12 weeks.</summary>
    Subacute,

    /// <summary>Over 12 weeks.</summary>
    Chronic,
}

/// <summary>Who to see.</summary>
public enum Clinician
{
    /// <summary>A general practitioner.</summary>
    Gp,

    /// <summary>A physiotherapist.</summary>
    Physiotherapist,

    /// <summary>A rheumatologist.</summary>
    Rheumatologist,

    /// <summary>A urologist.</summary>
    Urologist,

    /// <summary>An orthopaedic or spine surgeon.</summary>
    OrthopaedicOrSpineSurgeon,

    /// <summary>Obstetric care: midwife or obstetrician.</summary>
    ObstetricCare,

    /// <summary>An emergency department.</summary>
    EmergencyDepartment,

    /// <summary>A chronic pain specialist or pain management service.</summary>
    PainSpecialist,

    /// <summary>A mental health professional, such as a psychologist or counsellor.</summary>
    MentalHealthProfessional,
}

/// <summary>A guideline's position on a treatment, in the words guidelines use.</summary>
public enum GuidelineStance
{
    /// <summary>The guideline recommends it (offer, should select).</summary>
    Recommend,

    /// <summary>The guideline says to consider it, usually for some people or only alongside other care.</summary>
    Consider,

    /// <summary>The guideline says not to offer it.</summary>
    DoNotOffer,

    /// <summary>No guideline in the knowledge base takes a position: the source is what mentions the treatment.</summary>
    NoGuideline,
}
