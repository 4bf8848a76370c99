namespace Workflow.Definitions.Catalogue;

/// <summary>
/// Finds circular prerequisites (互为前置 / 循环审批): matters that, through their prerequisites, require
/// themselves, so that no applicant could ever finish them.
/// </summary>
public static class PrerequisiteCycles
{
    /// <summary>
    /// Every elementary cycle reachable by depth-first search, each as the list of matter codes in order with the
    /// first code repeated at the end (e.g. <c>A, B, A</c>). Each cycle is reported once, starting at its smallest code.
    /// Prerequisites naming unknown matters are ignored here (another rule reports them).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Find(IReadOnlyDictionary<string, IReadOnlyList<string>> prerequisitesByMatter)
    {
        var cycles = new List<IReadOnlyList<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false = on the path, true = done
        var path = new List<string>();

        void Visit(string code)
        {
            state[code] = false;
            path.Add(code);
            foreach (var next in prerequisitesByMatter.GetValueOrDefault(code) ?? [])
            {
                if (!prerequisitesByMatter.ContainsKey(next)) continue;
                if (!state.TryGetValue(next, out var done))
                    Visit(next);
                else if (!done)
                    Record(path.Skip(path.IndexOf(next)).ToList());
            }
            path.RemoveAt(path.Count - 1);
            state[code] = true;
        }

        void Record(List<string> cycle)
        {
            var start = cycle.IndexOf(cycle.Min(StringComparer.Ordinal)!);
            var rotated = cycle.Skip(start).Concat(cycle.Take(start)).ToList();
            if (seen.Add(string.Join("→", rotated)))
                cycles.Add([.. rotated, rotated[0]]);
        }

        foreach (var code in prerequisitesByMatter.Keys.Order(StringComparer.Ordinal))
            if (!state.ContainsKey(code))
                Visit(code);
        return cycles;
    }
}
