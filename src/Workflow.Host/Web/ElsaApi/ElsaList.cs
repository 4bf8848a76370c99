namespace Workflow.Host.Web.ElsaApi;

/// <summary>Elsa's list envelope <c>{items, count}</c>, as the Studio's API client reads it.</summary>
public sealed record ElsaList<T>(IReadOnlyList<T> Items, int Count)
{
    public static ElsaList<T> Of(IReadOnlyList<T> items) => new(items, items.Count);
}
