using System.Reflection;

namespace Workflow.Engine.Activities;

/// <summary>The activity types the engine knows, by type name (case-sensitive, as Elsa).</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, ActivityType> _types = new(StringComparer.Ordinal);

    /// <summary>Registers <paramref name="clrType"/>; a later registration of the same type name replaces the earlier one.</summary>
    /// <exception cref="ArgumentException">The class has no [Activity] attribute or is not a concrete <see cref="Activity"/>.</exception>
    public ActivityType Register(Type clrType)
    {
        var type = new ActivityType(clrType);
        _types[type.TypeName] = type;
        return type;
    }

    /// <summary>Registers activity class <typeparamref name="T"/>; see <see cref="Register(Type)"/>.</summary>
    internal ActivityType Register<T>() where T : Activity => Register(typeof(T));

    /// <summary>Registers every concrete <see cref="Activity"/> class with an [Activity] attribute in <paramref name="assembly"/>.</summary>
    public void RegisterAssembly(Assembly assembly)
    {
        foreach (var t in assembly.GetTypes())
            if (!t.IsAbstract && typeof(Activity).IsAssignableFrom(t) && t.GetCustomAttribute<ActivityAttribute>() is not null)
                Register(t);
    }

    /// <summary>The activity type named <paramref name="typeName"/> (ordinal, as Elsa), or null when none is registered.</summary>
    public ActivityType? Find(string typeName) => _types.GetValueOrDefault(typeName);

    /// <summary>Every registered type, ordered by type name so descriptor output is stable.</summary>
    internal IEnumerable<ActivityType> All => _types.Values.OrderBy(t => t.TypeName, StringComparer.Ordinal);

    /// <summary>A registry holding the core Elsa activities of this engine.</summary>
    public static ActivityRegistry CreateWithCoreActivities()
    {
        var registry = new ActivityRegistry();
        registry.RegisterAssembly(typeof(ActivityRegistry).Assembly);
        return registry;
    }
}
