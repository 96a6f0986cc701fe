using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests;

/// <summary>
/// The folders of src/Picshelf depend on each other one way only, in the order docs/architecture.md gives: a folder
/// may use the folders listed below it, never one above. The check reads the compiled assembly (Mono.Cecil), so every
/// use counts: signatures, attributes, method bodies, lambdas and async state machines. The DbContext and its provider
/// subclasses are the one declared hub: they name every feature's entities.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private const string Root = "(root)";

    [Fact]
    public void EveryFolder_UsesOnlyTheFoldersBelowIt()
    {
        var order = DeclaredOrder();
        var offences = Dependencies()
            .Where(use => Rank(order, use.To) <= Rank(order, use.From))
            .GroupBy(use => (use.From, use.To))
            .Select(pair => $"{pair.Key.From} → {pair.Key.To}, e.g. {pair.First().FromType} uses {pair.First().ToType}")
            .ToList();
        Assert.True(offences.Count == 0, "Dependencies against the order of docs/architecture.md:\n" + string.Join('\n', offences));
    }

    [Fact]
    public void EveryFolder_HasItsPlaceInTheDeclaredOrder()
    {
        var order = DeclaredOrder();
        var folders = Directory.GetDirectories(Path.Combine(S3Server.RepositoryRoot(), "src", "Picshelf"))
            .Select(Path.GetFileName)
            // wwwroot holds the site's static files (Web/SiteFiles), no code.
            .Where(name => name is not ("bin" or "obj" or "Properties" or "wwwroot"))
            .ToList();
        Assert.Empty(folders.Except(order));
        Assert.Empty(order.Except(folders).Except([Root]));
    }

    [Fact]
    public void TheCheck_SeesFeaturesUseTheFoldersBelowThem()
    {
        // The check would be worthless if it saw nothing: features do use the layers below them.
        var uses = Dependencies().Select(use => (use.From, use.To)).ToHashSet();
        Assert.Contains(("Images", "Media"), uses);
        Assert.Contains(("Albums", "Images"), uses);
        Assert.Contains(("Web", "Accounts"), uses);
    }

    private static int Rank(List<string> order, string folder)
    {
        var rank = order.IndexOf(folder);
        return rank >= 0 ? rank : throw new InvalidOperationException($"Folder {folder} is missing from the order in docs/architecture.md");
    }

    /// <summary>The folders from the top down, from the <c>```layers</c> block of docs/architecture.md.</summary>
    private static List<string> DeclaredOrder()
    {
        var text = File.ReadAllText(Path.Combine(S3Server.RepositoryRoot(), "docs", "architecture.md"));
        var block = LayersBlock().Match(text);
        Assert.True(block.Success, "docs/architecture.md has no ```layers block");
        return block.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2)[0].TrimEnd('/'))
            .ToList();
    }

    private sealed record Use(string From, string FromType, string To, string ToType);

    private static List<Use> Dependencies()
    {
        using var module = ModuleDefinition.ReadModule(typeof(Program).Assembly.Location);
        var uses = new List<Use>();
        foreach (var type in module.GetTypes().Where(t => !IsHub(t)))
        {
            var from = FolderOf(type);
            if (from is null)
            {
                continue;
            }
            foreach (var used in UsedTypes(type))
            {
                if (used.Scope == module && FolderOf(used) is { } to && to != from)
                {
                    uses.Add(new Use(from, Outermost(type).FullName, to, Outermost(used).FullName));
                }
            }
        }
        return uses;
    }

    /// <summary>The database context names every entity of every feature so that EF Core can build one model.</summary>
    private static bool IsHub(TypeDefinition type)
    {
        for (var outer = Outermost(type).Resolve(); outer?.BaseType is { } baseType; outer = baseType.Resolve())
        {
            if (baseType.FullName == "Microsoft.EntityFrameworkCore.DbContext")
            {
                return true;
            }
            if (baseType.Scope != type.Module)
            {
                return false;
            }
        }
        return false;
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }
        return type;
    }

    /// <summary><c>Picshelf.Images.Upload</c> → Images; Razor's compiled pages → Web; <c>Program</c> and <c>Picshelf.*</c> at the top → the root.</summary>
    private static string? FolderOf(TypeReference type)
    {
        var ns = Outermost(type).Namespace;
        return ns switch
        {
            "" when Outermost(type).Name == "Program" => Root,
            "Picshelf" => Root,
            "AspNetCoreGeneratedDocument" => "Web",
            _ when ns.StartsWith("Picshelf.", StringComparison.Ordinal) => ns.Split('.')[1],
            _ => null,
        };
    }

    private static List<TypeReference> UsedTypes(TypeDefinition type)
    {
        var seen = new List<TypeReference>();
        void Add(TypeReference? reference)
        {
            switch (reference)
            {
                case null:
                    return;
                case GenericInstanceType generic:
                    Add(generic.ElementType);
                    generic.GenericArguments.ToList().ForEach(Add);
                    return;
                case TypeSpecification specification:
                    Add(specification.ElementType);
                    return;
                case GenericParameter:
                    return;
                default:
                    seen.Add(reference);
                    return;
            }
        }
        void AddMethod(MethodReference method)
        {
            Add(method.DeclaringType);
            Add(method.ReturnType);
            method.Parameters.ToList().ForEach(p => Add(p.ParameterType));
            if (method is GenericInstanceMethod generic)
            {
                generic.GenericArguments.ToList().ForEach(Add);
            }
        }
        void AddAttributes(ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                Add(attribute.AttributeType);
                foreach (var argument in attribute.ConstructorArguments.Concat(attribute.Properties.Select(p => p.Argument)))
                {
                    Add(argument.Value as TypeReference);
                }
            }
        }

        Add(type.BaseType);
        type.Interfaces.ToList().ForEach(i => Add(i.InterfaceType));
        AddAttributes(type);
        type.GenericParameters.SelectMany(p => p.Constraints).ToList().ForEach(c => Add(c.ConstraintType));
        foreach (var field in type.Fields)
        {
            Add(field.FieldType);
            AddAttributes(field);
        }
        foreach (var property in type.Properties)
        {
            Add(property.PropertyType);
            AddAttributes(property);
        }
        foreach (var method in type.Methods)
        {
            AddMethod(method);
            AddAttributes(method);
            method.Parameters.ToList().ForEach(AddAttributes);
            if (!method.HasBody)
            {
                continue;
            }
            method.Body.Variables.ToList().ForEach(v => Add(v.VariableType));
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference operandType:
                        Add(operandType);
                        break;
                    case MethodReference operandMethod:
                        AddMethod(operandMethod);
                        break;
                    case FieldReference operandField:
                        Add(operandField.DeclaringType);
                        Add(operandField.FieldType);
                        break;
                    case Instruction or Instruction[] or VariableDefinition or ParameterDefinition or null:
                        break;
                }
            }
        }
        return seen;
    }

    [GeneratedRegex(@"```layers\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex LayersBlock();
}
