namespace Workflow.Host.Web.Access;

/// <summary>Adds <see cref="ReadsOnlyMetadata"/> to an endpoint.</summary>
public static class ReadsOnlyExtensions
{
    /// <summary>Declares that the endpoint changes nothing, whatever its HTTP method.</summary>
    public static RouteHandlerBuilder ReadsOnly(this RouteHandlerBuilder builder) => builder.WithMetadata(ReadsOnlyMetadata.Instance);
}
