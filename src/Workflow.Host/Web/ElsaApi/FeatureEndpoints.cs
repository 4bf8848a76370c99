using Workflow.Host.Web.Localization;
namespace Workflow.Host.Web.ElsaApi;

/// <summary>
/// <c>GET /features/installed</c>: the Elsa server features present. The Studio turns optional UI modules on by feature
/// name; we list none of Elsa's optional features (resilience, agents, secrets ...) because this Host implements none,
/// so the Studio hides what would only fail.
/// </summary>
public static class FeatureEndpoints
{
    /// <summary>One installed feature.</summary>
    public sealed record FeatureDescriptor(string Name, string Namespace, string FullName, string DisplayName, string Description);

    public static readonly IReadOnlyList<FeatureDescriptor> Installed = [];

    public static RouteGroupBuilder MapFeatureEndpoints(this RouteGroupBuilder elsa)
    {
        elsa.MapGet("/features/installed", () => TypedResults.Ok(ElsaList<FeatureDescriptor>.Of(Installed)));
        elsa.MapGet("/features/installed/{fullName}", (string fullName) => TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound, title: Ui.T("功能未安装。", "Feature not installed."), detail: Ui.T($"本服务未安装功能「{fullName}」。", $"Feature '{fullName}' is not installed on this Host.")));
        return elsa;
    }
}
