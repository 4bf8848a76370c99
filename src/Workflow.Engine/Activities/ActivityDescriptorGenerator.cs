using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Workflow.Engine.Activities;

/// <summary>
/// Produces Elsa Studio's ActivityDescriptor JSON (<c>GET /descriptors/activities</c>, see docs/studio.md) for every
/// registered activity: type name, namespace, category, display name, description, inputs (InputDescriptor: name in
/// PascalCase, typeName, uiHint, default, options in <c>uiSpecifications[uiHint]</c>: see <see cref="UISpecifications"/>),
/// outputs, ports of type <c>Embedded</c> (<see cref="EmbeddedPortAttribute"/>) then <c>Flow</c>, isStart/isTerminal/isContainer. Dropdown options come from the attribute or, at the time of
/// the call, from an <see cref="IInputOptionsProvider"/>.
/// </summary>
public sealed class ActivityDescriptorGenerator(ActivityRegistry registry, IServiceProvider services, WorkflowEngineOptions? options = null)
{
    /// <summary><c>{ "items": [descriptor...] }</c>, with <c>Elsa.Flowchart</c> first.</summary>
    public JsonObject DescribeAll()
    {
        var items = new JsonArray { FlowchartDescriptor() };
        foreach (var type in registry.All)
            items.Add(Describe(type));
        return new JsonObject { ["items"] = items, ["count"] = items.Count };
    }

    /// <summary>The ActivityDescriptor of one registered type; dropdown options are read from their providers now.</summary>
    internal JsonObject Describe(ActivityType type)
    {
        var a = type.Attribute;
        var prototype = (Activity)ActivatorUtilities.CreateInstance(services, type.ClrType);
        var inputs = new JsonArray();
        var order = 0;
        foreach (var extra in type.ClrType.GetCustomAttributes<RawInputAttribute>())
            inputs.Add(DescribeRawInput(extra, order++));
        foreach (var property in type.Inputs)
            inputs.Add(DescribeInput(type, property, order++));
        var ports = new JsonArray();
        // Elsa lists embedded ports (its [Port] IActivity properties) before the flow ports; the Studio draws them
        // as slots inside the node and saves the child under the port's camelCase name.
        foreach (var port in type.ClrType.GetCustomAttributes<EmbeddedPortAttribute>())
            ports.Add(new JsonObject { ["name"] = port.Name, ["displayName"] = port.Name, ["type"] = "Embedded", ["isBrowsable"] = true });
        var outputs = new JsonArray();
        foreach (var output in type.ClrType.GetCustomAttributes<ActivityOutputAttribute>())
            outputs.Add(new JsonObject
            {
                ["name"] = output.Name, ["typeName"] = output.TypeName, ["displayName"] = output.Name,
                ["description"] = output.Description, ["isBrowsable"] = true, ["isSerializable"] = true,
            });
        foreach (var outcome in Activity.StaticOutcomes(type.ClrType))
            if (prototype is not ITerminalActivity)
                ports.Add(new JsonObject { ["name"] = outcome, ["displayName"] = outcome, ["type"] = "Flow", ["isBrowsable"] = true });
        return new JsonObject
        {
            ["typeName"] = type.TypeName,
            ["namespace"] = a.Namespace,
            ["name"] = type.Name,
            ["version"] = 1,
            ["category"] = a.Category,
            ["displayName"] = a.DisplayName ?? type.Name,
            ["description"] = a.Description,
            ["inputs"] = inputs,
            ["outputs"] = outputs,
            ["kind"] = a.Kind,
            ["ports"] = ports,
            ["customProperties"] = new JsonObject(),
            ["constructionProperties"] = new JsonObject(),
            ["isContainer"] = prototype is IContainerActivity,
            ["isBrowsable"] = a.IsBrowsable,
            ["isStart"] = prototype is IStartActivity,
            ["isTerminal"] = prototype is ITerminalActivity,
        };
    }

    private JsonObject DescribeInput(ActivityType type, PropertyInfo property, int order)
    {
        var attr = property.GetCustomAttribute<InputAttribute>() ?? new InputAttribute();
        var valueType = property.PropertyType.GetGenericArguments()[0];
        var options = ResolveOptions(type, property.Name, attr);
        var uiHint = attr.UIHint ?? (options is not null || valueType.IsEnum ? "dropdown" : valueType == typeof(bool) ? "checkbox" : "singleline");
        if (options is null && valueType.IsEnum && uiHint == "dropdown")
            options = Enum.GetNames(valueType).Select(n => new InputOption(n, n)).ToList();
        return InputDescriptor(property.Name, attr.TypeName ?? ElsaTypeName(valueType), attr.DisplayName ?? property.Name,
            attr.Description ?? $"The {property.Name}.", order, attr.IsWrapped, uiHint, attr.Category, attr.DefaultValue, attr.DefaultSyntax, options);
    }

    private static JsonObject DescribeRawInput(RawInputAttribute attr, int order) =>
        InputDescriptor(attr.Name, attr.TypeName, attr.Name, attr.Description, order, false, attr.UIHint, null, null, "Literal", null);

    private static JsonObject InputDescriptor(string name, string typeName, string displayName, string description, int order, bool wrapped,
        string uiHint, string? category, object? defaultValue, string defaultSyntax, IReadOnlyList<InputOption>? options)
    {
        var ui = options is null ? null : UISpecifications(uiHint, options);
        return new JsonObject
        {
            ["name"] = name,
            ["typeName"] = typeName,
            ["displayName"] = displayName,
            ["description"] = description,
            ["order"] = order,
            ["isBrowsable"] = true,
            ["isSynthetic"] = false,
            ["isWrapped"] = wrapped,
            ["uiHint"] = uiHint,
            ["category"] = category,
            ["defaultValue"] = defaultValue is null ? null : JsonValue.Create(defaultValue.ToString()),
            ["defaultSyntax"] = defaultSyntax,
            ["isReadOnly"] = false,
            ["isSensitive"] = false,
            ["storageDriverType"] = null,
            ["uiSpecifications"] = ui,
        };
    }

    /// <summary>
    /// The Studio reads an input's options from <c>uiSpecifications[uiHint]</c>, in the form of that hint's props:
    /// <c>dropdown</c> → <c>{selectList: {items: [{text, value}], isFlagsEnum}}</c>, <c>checklist</c> →
    /// <c>{checkList: {items: [{text, value, isChecked}], isFlagsEnum}}</c>, <c>radiolist</c> →
    /// <c>{radioList: {items: [{text, value}]}}</c>. Options under any other key are ignored by the Studio, so a
    /// checklist fed from <c>dropdown</c> shows no boxes. Other hints get the options as a select list under their own name.
    /// </summary>
    private static JsonObject UISpecifications(string uiHint, IReadOnlyList<InputOption> options)
    {
        var items = new JsonArray();
        foreach (var o in options)
        {
            var item = new JsonObject { ["text"] = o.Text, ["value"] = o.Value };
            if (uiHint == "checklist") item["isChecked"] = false;
            items.Add(item);
        }
        var props = uiHint switch
        {
            "checklist" => new JsonObject { ["checkList"] = new JsonObject { ["items"] = items, ["isFlagsEnum"] = false } },
            "radiolist" => new JsonObject { ["radioList"] = new JsonObject { ["items"] = items } },
            _ => new JsonObject { ["selectList"] = new JsonObject { ["items"] = items, ["isFlagsEnum"] = false } },
        };
        return new JsonObject { [uiHint] = props };
    }

    private IReadOnlyList<InputOption>? ResolveOptions(ActivityType type, string inputName, InputAttribute attr)
    {
        var providerType = attr.OptionsProvider ?? options?.FindOptionsProvider(type.TypeName, inputName);
        if (providerType is not null)
        {
            var provider = (IInputOptionsProvider)(services.GetService(providerType) ?? ActivatorUtilities.CreateInstance(services, providerType));
            return provider.GetOptions(type.TypeName, inputName);
        }
        return attr.Options?.Select(o => new InputOption(o, o)).ToList();
    }

    /// <summary>Elsa's short type names for common CLR types (<c>String</c>, <c>Int32</c>, <c>Boolean</c>, <c>String[]</c> ...).</summary>
    public static string ElsaTypeName(Type type)
    {
        if (type.IsArray) return ElsaTypeName(type.GetElementType()!) + "[]";
        if (type == typeof(object)) return "Object";
        if (type == typeof(NodaTime.Duration)) return "TimeSpan";
        return type.Name;
    }

    private static JsonObject FlowchartDescriptor() => new()
    {
        ["typeName"] = "Elsa.Flowchart",
        ["namespace"] = "Elsa",
        ["name"] = "Flowchart",
        ["version"] = 1,
        ["category"] = "Workflows",
        ["displayName"] = "Flowchart",
        ["description"] = "A flowchart of activities and connections.",
        ["inputs"] = new JsonArray(),
        ["outputs"] = new JsonArray(),
        ["kind"] = "Action",
        ["ports"] = new JsonArray(),
        ["customProperties"] = new JsonObject { ["Type"] = "Elsa.Flowchart" },
        ["constructionProperties"] = new JsonObject(),
        ["isContainer"] = true,
        ["isBrowsable"] = true,
        ["isStart"] = false,
        ["isTerminal"] = false,
    };
}
