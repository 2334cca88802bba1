namespace Resilience.Topology.Internal;

/// <summary>The <c>resilience:endpoints</c> section (infra/spec/sections/endpoints.ts).</summary>
internal sealed partial class SpecReader
{
    private static EndpointsSpec ReadEndpoints(ConfigNode? node)
    {
        if (node is null)
        {
            return new EndpointsSpec(SpecDefaults.WriteEndpoint, SpecDefaults.ReadEndpoint);
        }

        var o = node.AsObject();
        var write = o.Field("write") is { } w ? EndpointName(w) : SpecDefaults.WriteEndpoint;
        var readNode = o.Field("read");
        var read = readNode is null ? SpecDefaults.ReadEndpoint : EndpointName(readNode);
        o.RejectUnknownFields();
        return read == write
            ? throw new StackFileException(node.File, $"{node.Path}.read.name", $"must differ from write.name, both are '{read}'")
            : new EndpointsSpec(write, read);
    }

    private static string EndpointName(ConfigNode node)
    {
        var o = node.AsObject();
        var name = o.Field("name") is { } n ? Name(n, 63) : throw new StackFileException(node.File, $"{node.Path}.name", "is required");
        o.RejectUnknownFields();
        return name;
    }
}
