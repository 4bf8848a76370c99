using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Model;

namespace Workflow.Engine.Activities;

/// <summary>A registered activity class: its Elsa type name, attributes and typed inputs.</summary>
public sealed class ActivityType
{
    internal ActivityType(Type clrType)
    {
        var attribute = clrType.GetCustomAttribute<ActivityAttribute>()
            ?? throw new ArgumentException($"{clrType.FullName} has no [Activity] attribute; every activity class needs one to get a type name.");
        if (!typeof(Activity).IsAssignableFrom(clrType) || clrType.IsAbstract)
            throw new ArgumentException($"{clrType.FullName} must be a concrete subclass of {typeof(Activity).FullName}.");
        ClrType = clrType;
        Attribute = attribute;
        Name = attribute.TypeName ?? clrType.Name;
        TypeName = $"{attribute.Namespace}.{Name}";
        Inputs = clrType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(Input<>) && p.CanWrite)
            .ToList();
        _bindings = [.. Inputs.Select(p => new InputBinding(p, BindExpression(p.PropertyType.GetGenericArguments()[0])))];
        _factory = ActivatorUtilities.CreateFactory(clrType, Type.EmptyTypes);
    }

    // Built once per activity class: an activity is created on every run that reaches it, and reflection that looked the
    // Expression setter up on every creation made the runtime emit a new invoke stub whenever the runtime's member cache
    // had been collected — 814 dynamic methods in two rounds of the permit benchmark (docs/benchmarks.md, 2026-12-02).
    private readonly InputBinding[] _bindings;
    private readonly ObjectFactory _factory;

    private sealed record InputBinding(PropertyInfo Property, Func<object?, ExpressionInput, object> Bind);

    /// <summary>For <c>Input&lt;T&gt;</c>: sets the expression on the activity's own input (keeping its default), or on a new one.</summary>
    private static Func<object?, ExpressionInput, object> BindExpression(Type valueType) =>
        (Func<object?, ExpressionInput, object>)typeof(ActivityType).GetMethod(nameof(BindExpressionOf), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(valueType).CreateDelegate(typeof(Func<object?, ExpressionInput, object>));

    private static object BindExpressionOf<T>(object? current, ExpressionInput expression)
    {
        var input = current as Input<T> ?? new Input<T>();
        input.Expression = expression;
        return input;
    }

    /// <summary>
    /// The activity type of class <typeparamref name="T"/>, so that code names an activity type by its class instead of
    /// a string (<c>ActivityType.Of&lt;WriteLine&gt;().TypeName</c> is <c>Elsa.WriteLine</c>).
    /// </summary>
    public static ActivityType Of<T>() where T : Activity => Cached<T>.Value;

    /// <summary>What the Studio shows for it (the attribute's display name, else <see cref="Name"/>).</summary>
    public string DisplayName => Attribute.DisplayName ?? Name;

    private static class Cached<T> where T : Activity
    {
        public static readonly ActivityType Value = new(typeof(T));
    }

    /// <summary>The full type name, e.g. <c>Elsa.WriteLine</c>.</summary>
    public string TypeName { get; }
    /// <summary>The part after the namespace, e.g. <c>WriteLine</c>.</summary>
    public string Name { get; }
    /// <summary>The activity class, instantiated once per execution and per resume.</summary>
    public Type ClrType { get; }
    /// <summary>The class's <see cref="ActivityAttribute"/>, where the descriptor's namespace, category and kind come from.</summary>
    internal ActivityAttribute Attribute { get; }
    /// <summary>The <see cref="Input{T}"/> properties.</summary>
    public IReadOnlyList<PropertyInfo> Inputs { get; }

    /// <summary>
    /// Creates an instance through <paramref name="services"/> and binds every <see cref="Input{T}"/> property from
    /// <paramref name="node"/> (matched by camelCase name, case-insensitively); absent inputs keep their defaults.
    /// </summary>
    public Activity Create(IServiceProvider services, ActivityNode node)
    {
        var activity = (Activity)_factory(services, null);
        foreach (var (property, bind) in _bindings)
        {
            var expression = node.GetInput(property.Name);
            if (expression is null) continue;
            property.SetValue(activity, bind(property.GetValue(activity), expression));
        }
        return activity;
    }
}
