namespace Workflow.Host.Web.Departments;

/// <summary>The sample jurisdiction's ten departments, codes and names as CONTRACTS.md §8 fixes them.</summary>
public sealed class SampleDepartments : IDepartmentCatalogue
{
    /// <summary>The departments, in the order of CONTRACTS.md §8.</summary>
    public static IReadOnlyList<Department> All { get; } =
    [
        new("fgw", "发展改革"),
        new("zrzy", "自然资源和规划"),
        new("zjj", "住房城乡建设"),
        new("sthj", "生态环境"),
        new("yjgl", "应急管理/消防"),
        new("rf", "人防"),
        new("sw", "水务"),
        new("jt", "交通运输"),
        new("qx", "气象"),
        new("scjg", "市场监管"),
    ];

    public ValueTask<IReadOnlyList<Department>> ListAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(All);

    public ValueTask<Department?> FindAsync(string code, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(All.FirstOrDefault(d => d.Code == code));
}
