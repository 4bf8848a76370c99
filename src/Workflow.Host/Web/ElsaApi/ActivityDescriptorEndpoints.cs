using Workflow.Engine.Activities;

namespace Workflow.Host.Web.ElsaApi;

/// <summary>
/// <c>GET /descriptors/activities</c>: one descriptor per activity the engine runs, generated from the registered
/// activity classes (so nothing appears in the Studio's palette that the engine cannot execute), plus Elsa.Flowchart.
/// The Studio calls it with <c>?Refresh=True</c> after every save; the answer is computed per call because option
/// providers (department and matter dropdowns) read live catalogues.
/// </summary>
public static class ActivityDescriptorEndpoints
{
    public static RouteGroupBuilder MapActivityDescriptorEndpoints(this RouteGroupBuilder elsa)
    {
        elsa.MapGet("/descriptors/activities", (ActivityDescriptorGenerator generator) => TypedResults.Json(generator.DescribeAll()));
        return elsa;
    }
}
