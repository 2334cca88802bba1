/**
 * The read endpoint: a custom READER endpoint whose members are only readers whose warm-up gate is
 * open. A new reader restored from a snapshot needed ~13 hours of warm-up and took traffic on day
 * one; here it joins only when HealthProbes says it is warm. The gate edits the members at run time,
 * so `pulumi up` must not put them back: membership drift is ignored.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface WarmReaderEndpointArgs {
    readonly cluster: aws.rds.Cluster;
    /** The endpoint's identifier, `<cluster>-<resilience:endpoints.read.name>`. */
    readonly endpointIdentifier: string;
    /**
     * The members at creation. Never empty: an endpoint with no static members would include every
     * reader, cold ones and autoscaled ones too.
     */
    readonly initialMembers: pulumi.Input<string>[];
    readonly tags: Record<string, string>;
}

/** The members the warm-up gate owns: `pulumi up` leaves them as the gate set them. */
export const GATE_MANAGED_PROPERTIES = ["staticMembers", "excludedMembers"];

export class WarmReaderEndpoint extends pulumi.ComponentResource {
    readonly endpoint: aws.rds.ClusterEndpoint;

    constructor(name: string, args: WarmReaderEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:aws:WarmReaderEndpoint", name, {}, opts);
        if (args.initialMembers.length === 0) {
            throw new Error(`warm reader endpoint ${args.endpointIdentifier} needs at least one initial member`);
        }
        this.endpoint = new aws.rds.ClusterEndpoint(
            name,
            {
                clusterIdentifier: args.cluster.clusterIdentifier,
                clusterEndpointIdentifier: args.endpointIdentifier,
                customEndpointType: "READER",
                staticMembers: args.initialMembers,
                tags: args.tags,
            },
            { parent: this, ignoreChanges: GATE_MANAGED_PROPERTIES },
        );
        this.registerOutputs({ endpoint: this.endpoint.endpoint });
    }
}
