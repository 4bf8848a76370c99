namespace Workflow.Host.Web.OpenApi;

/// <summary>
/// Endpoint metadata naming the states a list's <c>state</c> parameter takes when they are not a case's (notifications:
/// Unread/Read, urging notices: Awaiting/Replied, …): the OpenAPI document then lists those, not <c>CaseState</c>
/// (docs/api.md, *Lists*).
/// </summary>
/// <param name="Enum">The enum whose names the parameter takes.</param>
internal sealed record ListStates(Type Enum);

internal static class ListStatesExtensions
{
    /// <summary>Documents that the list's <c>state</c> takes the names of <typeparamref name="TState"/>.</summary>
    public static TBuilder WithListStates<TState, TBuilder>(this TBuilder builder) where TState : struct, Enum where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ListStates(typeof(TState)));
}
