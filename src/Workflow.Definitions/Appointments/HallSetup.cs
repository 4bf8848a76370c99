namespace Workflow.Definitions.Appointments;

/// <summary>
/// The halls, windows and service categories a deployment offers (setting section <c>Appointments</c>, docs/appointments.md,
/// *Configuration*), written into the <c>appt_</c> tables at start-up by <see cref="HallDirectory.EnsureAsync"/>.
/// </summary>
public sealed class HallSetup
{
    /// <summary>The halls.</summary>
    public List<Hall> Halls { get; set; } = [];
    /// <summary>The windows of the halls.</summary>
    public List<ServiceWindow> Windows { get; set; } = [];
    /// <summary>The service categories, the same in every hall.</summary>
    public List<ServiceCategory> Categories { get; set; } = [];

    /// <summary>True when nothing is set up.</summary>
    public bool IsEmpty => Halls.Count == 0 && Windows.Count == 0 && Categories.Count == 0;

    /// <summary>
    /// The demo district: three halls on the cn-mainland calendar, seven windows in the main hall, and five categories, of
    /// which only 工程建设项目综合受理 maps to matters of the sample catalogue (all of its matters).
    /// </summary>
    public static HallSetup Sample() => new()
    {
        Halls =
        [
            new() { Code = "HQ", NameZh = "区政务服务中心", NameEn = "District Government Service Centre", Hours = "09:00-12:00,13:30-17:00", SlotMinutes = 30, Capacity = 20 },
            new() { Code = "GX", NameZh = "高新区政务服务分中心", NameEn = "Hi-Tech Zone Service Branch", Hours = "09:00-12:00,13:30-17:00", SlotMinutes = 30, Capacity = 10 },
            new() { Code = "BJ", NameZh = "滨江新区便民服务大厅", NameEn = "Binjiang New District Service Hall", Hours = "09:00-12:00,14:00-17:00", SlotMinutes = 60, Capacity = 12 },
        ],
        Categories =
        [
            new()
            {
                Code = "PERMIT", Prefix = "A", NameZh = "工程建设项目综合受理", NameEn = "Construction project permits (one window)",
                Matters = "FGW-001,FGW-002,ZRZY-001,ZRZY-002,STHJ-001,SW-001,ZRZY-003,RF-001,SW-002,JT-001,QX-001,YJGL-001,ZJJ-001,ZJJ-002,ZJJ-003,SCJG-001,YJGL-002,RF-002,ZRZY-004,QX-002,ZJJ-004",
            },
            new() { Code = "ESTATE", Prefix = "B", NameZh = "不动产登记", NameEn = "Real estate registration" },
            new() { Code = "BUSINESS", Prefix = "C", NameZh = "企业开办", NameEn = "Starting a business" },
            new() { Code = "SOCIAL", Prefix = "D", NameZh = "社保医保", NameEn = "Social and medical insurance" },
            new() { Code = "HELP", Prefix = "E", NameZh = "咨询与帮办代办", NameEn = "Advice and assisted filing" },
        ],
        Windows =
        [
            new() { Hall = "HQ", Number = "1", NameZh = "工程建设综合受理 1", NameEn = "Construction permits 1", Categories = "PERMIT" },
            new() { Hall = "HQ", Number = "2", NameZh = "工程建设综合受理 2", NameEn = "Construction permits 2", Categories = "PERMIT" },
            new() { Hall = "HQ", Number = "3", NameZh = "工程建设综合受理 3", NameEn = "Construction permits 3", Categories = "PERMIT,HELP" },
            new() { Hall = "HQ", Number = "4", NameZh = "不动产登记 1", NameEn = "Real estate 1", Categories = "ESTATE" },
            new() { Hall = "HQ", Number = "5", NameZh = "不动产登记 2", NameEn = "Real estate 2", Categories = "ESTATE" },
            new() { Hall = "HQ", Number = "6", NameZh = "企业开办", NameEn = "Starting a business", Categories = "BUSINESS" },
            new() { Hall = "HQ", Number = "7", NameZh = "社保医保", NameEn = "Social insurance", Categories = "SOCIAL,HELP" },
            new() { Hall = "GX", Number = "1", NameZh = "综合受理 1", NameEn = "General intake 1", Categories = "PERMIT,BUSINESS" },
            new() { Hall = "GX", Number = "2", NameZh = "综合受理 2", NameEn = "General intake 2", Categories = "PERMIT,BUSINESS,HELP" },
            new() { Hall = "GX", Number = "3", NameZh = "不动产登记", NameEn = "Real estate", Categories = "ESTATE" },
            new() { Hall = "BJ", Number = "1", NameZh = "综合窗口", NameEn = "General window", Categories = "PERMIT,ESTATE,BUSINESS" },
            new() { Hall = "BJ", Number = "2", NameZh = "社保医保", NameEn = "Social insurance", Categories = "SOCIAL,HELP" },
        ],
    };
}
