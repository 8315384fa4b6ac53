namespace BackHip.Domain.Triage;

/// <summary>How urgently to act, from least to most urgent; values compare in that order.</summary>
/// <remarks>The five levels match the best-documented symptom-checker API so hosts can map them.</remarks>
public enum TriageLevel
{
    /// <summary>Manage at home; consult if it gets worse or does not settle.</summary>
    SelfCare = 0,

    /// <summary>Book an appointment with a doctor or physiotherapist; sooner if it gets worse.</summary>
    Consultation = 1,

    /// <summary>See a doctor within 24 hours.</summary>
    Consultation24 = 2,

    /// <summary>Go to an emergency department now.</summary>
    Emergency = 3,

    /// <summary>Call an ambulance now.</summary>
    EmergencyAmbulance = 4,
}

/// <summary>The kind of serious problem a red-flag rule points to.</summary>
public enum RedFlagPathology
{
    /// <summary>Cauda equina syndrome.</summary>
    CaudaEquina,

    /// <summary>Vertebral fracture.</summary>
    Fracture,

    /// <summary>Spinal malignancy.</summary>
    Malignancy,

    /// <summary>Spinal infection.</summary>
    Infection,

    /// <summary>Hip fracture or dislocation.</summary>
    HipFracture,

    /// <summary>Septic arthritis of the hip.</summary>
    SepticArthritis,

    /// <summary>Abdominal aortic aneurysm or aortic dissection.</summary>
    VascularEmergency,

    /// <summary>Inflammatory disease such as axial spondyloarthritis.</summary>
    InflammatoryDisease,

    /// <summary>A progressive or significant neurological deficit.</summary>
    NeurologicalDeficit,

    /// <summary>Kidney infection or stone.</summary>
    Kidney,

    /// <summary>Avascular necrosis or other hip bone disease needing imaging.</summary>
    HipBoneDisease,

    /// <summary>Pain that persists or is severe enough to need a clinician's review.</summary>
    PersistentOrSeverePain,

    /// <summary>A visible deformity.</summary>
    Deformity,

    /// <summary>Pregnancy-related problems needing obstetric or physiotherapy review.</summary>
    Pregnancy,

    /// <summary>Suspected sepsis or shock (NICE NG51 risk criteria, low blood pressure, collapse).</summary>
    Sepsis,

    /// <summary>Gynaecological emergencies such as a possible ectopic pregnancy.</summary>
    Gynaecological,

    /// <summary>Testicular torsion or a strangulated groin hernia.</summary>
    TesticularOrHernia,

    /// <summary>A painful, infected, loose or dislocated hip replacement.</summary>
    ProstheticJoint,

    /// <summary>Hip problems of children and adolescents: septic arthritis, slipped epiphysis, the limping child.</summary>
    PaediatricHip,
}
