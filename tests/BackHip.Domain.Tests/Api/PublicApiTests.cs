using System.Reflection;
using System.Text;

namespace BackHip.Domain.Tests.Api;

/// <summary>
/// The public surface is rendered to text and compared with the checked-in snapshot, so it cannot change by accident.
/// To accept a deliberate change, run the tests with BACKHIP_UPDATE_SNAPSHOTS=1 and commit the updated file.
/// </summary>
public sealed class PublicApiTests
{
    private static readonly Assembly Library = typeof(KnowledgeBase).Assembly;

    [Fact]
    public void Public_api_matches_the_snapshot()
    {
        var actual = Render();
        var path = Path.Combine(FindRepoRoot(), "tests", "BackHip.Domain.Tests", "Api", "BackHip.Domain.api.txt");
        if (Environment.GetEnvironmentVariable("BACKHIP_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"No snapshot at {path}; run with BACKHIP_UPDATE_SNAPSHOTS=1 to create it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            var exp = expected.Split('\n').ToHashSet(StringComparer.Ordinal);
            var act = actual.Split('\n').ToHashSet(StringComparer.Ordinal);
            var added = act.Except(exp).Select(l => "+ " + l);
            var removed = exp.Except(act).Select(l => "- " + l);
            Assert.Fail("The public API changed; if on purpose, run with BACKHIP_UPDATE_SNAPSHOTS=1 and commit the snapshot." + Environment.NewLine + string.Join(Environment.NewLine, removed.Concat(added).Take(60)));
        }
    }

    [Fact]
    public void Public_classes_are_sealed_or_abstract_and_structs_readonly()
    {
        var offenders = Library.GetExportedTypes()
            .Where(t => (t.IsClass && !t.IsAbstract && !t.IsSealed && !typeof(Delegate).IsAssignableFrom(t))
                || (t.IsValueType && !t.IsEnum && t.GetCustomAttributes().All(a => a.GetType().Name != "IsReadOnlyAttribute")))
            .Select(t => t.FullName);
        Assert.Empty(offenders);
    }

    [Fact]
    public void No_type_is_named_like_its_namespace() =>
        Assert.DoesNotContain(Library.GetExportedTypes(), t => t.Namespace?.EndsWith("." + t.Name, StringComparison.Ordinal) == true);

    [Fact]
    public void Every_public_member_has_xml_docs()
    {
        var xml = System.Xml.Linq.XDocument.Load(Path.ChangeExtension(Library.Location, ".xml"));
        var documented = xml.Descendants("member").Select(m => (string)m.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var missing = Library.GetExportedTypes().Where(t => !documented.Contains("T:" + t.FullName)).Select(t => t.FullName).ToList();
        Assert.Empty(missing);
    }

    internal static string Render()
    {
        var sb = new StringBuilder();
        foreach (var type in Library.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            sb.Append(Kind(type)).Append(' ').Append(Name(type));
            var bases = new List<string>();
            if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum))
            {
                bases.Add(Name(b));
            }

            bases.AddRange(type.GetInterfaces().Select(Name).Order(StringComparer.Ordinal));
            if (bases.Count > 0)
            {
                sb.Append(" : ").Append(string.Join(", ", bases));
            }

            sb.Append('\n');
            if (type.IsEnum)
            {
                foreach (var name in Enum.GetNames(type))
                {
                    sb.Append("  ").Append(name).Append(" = ").Append(Convert.ToInt64(Enum.Parse(type, name), System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
                }

                continue;
            }

            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var members = type.GetMembers(flags)
                .Where(m => m is not MethodInfo { IsSpecialName: true } && !(m is MethodInfo mi && mi.Name.StartsWith('<')))
                .Select(Member)
                .Where(s => s is not null)
                .Order(StringComparer.Ordinal);
            foreach (var m in members)
            {
                sb.Append("  ").Append(m).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string Kind(Type t) =>
        t.IsEnum ? "enum" : t.IsInterface ? "interface" : t.IsValueType ? "struct"
        : t.IsAbstract && t.IsSealed ? "static class" : t.IsAbstract ? "abstract class" : t.IsSealed ? "sealed class" : "class";

    private static string? Member(MemberInfo m) => m switch
    {
        ConstructorInfo c => $"ctor({Params(c.GetParameters())})",
        MethodInfo mi => $"{(mi.IsStatic ? "static " : "")}{Name(mi.ReturnType)} {mi.Name}{(mi.IsGenericMethod ? "<" + string.Join(", ", mi.GetGenericArguments().Select(Name)) + ">" : "")}({Params(mi.GetParameters())})",
        PropertyInfo p => $"{(p.GetMethod?.IsStatic == true ? "static " : "")}{Name(p.PropertyType)} {p.Name} {{ {(p.GetMethod?.IsPublic == true ? "get; " : "")}{(p.SetMethod?.IsPublic == true ? (p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.Name == "IsExternalInit") ? "init; " : "set; ") : "")}}}",
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        Type nested => $"nested {Name(nested)}",
        _ => null,
    };

    private static string Params(ParameterInfo[] ps) =>
        string.Join(", ", ps.Select(p => $"{(p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "")}{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : "")}"));

    private static string Name(Type t)
    {
        if (t.IsByRef)
        {
            return Name(t.GetElementType()!);
        }

        if (t.IsArray)
        {
            return Name(t.GetElementType()!) + "[]";
        }

        if (Nullable.GetUnderlyingType(t) is { } u)
        {
            return Name(u) + "?";
        }

        if (t.IsGenericParameter)
        {
            return t.Name;
        }

        var name = t.IsNested ? Name(t.DeclaringType!) + "." + t.Name : (t.Namespace is null ? t.Name : t.Namespace + "." + t.Name);
        if (t.IsGenericType)
        {
            name = name[..name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", t.GetGenericArguments().Select(Name)) + ">";
        }

        return name;
    }

    internal static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BackHip.Domain.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (BackHip.Domain.sln) not found.");
    }
}
