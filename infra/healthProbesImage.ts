/** The HealthProbes image both platforms run: the config key `healthprobes:image`, else the default. */
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_HEALTHPROBES_IMAGE } from "./kubernetes/constants";

export function healthProbesImage(): string {
    return new pulumi.Config("healthprobes").get("image") ?? DEFAULT_HEALTHPROBES_IMAGE;
}
