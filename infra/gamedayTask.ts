/**
 * What a scheduled game-day runs in the chaos image (Dockerfile), the same on every cloud platform:
 * the entrypoint, its arguments and where the reports go. Named once so the ECS task (aws) and the
 * CronJob (kubernetes) cannot drift apart, nor from the image.
 */
import type * as pulumi from "@pulumi/pulumi";
import { GAMEDAY_RUN_MINUTES } from "./spec/defaults";

/** The image's entrypoint for scheduled runs (scripts/gameday-task, copied by the Dockerfile). */
export const GAMEDAY_TASK_ENTRYPOINT = "/usr/local/bin/gameday-task";

/** Where the image keeps the stack files; chaos writes `reports/<stack>/<time>-gameday/` beside them. */
export const STACKS_DIR = "/stacks";

/** The reports of one stack inside the image: chaos's default report folder (ReportArchive.DefaultDirectory). */
export function reportsDirOf(stack: string): string {
    return `${STACKS_DIR}/reports/${stack}`;
}

/** The non-root `app` user of the .NET runtime images the chaos image runs as (UID 1654). */
export const CHAOS_IMAGE_UID = 1654;

/** A run is stopped after the time the spec allows it (no maintenance or backup window may overlap it). */
export const GAMEDAY_DEADLINE_SECONDS = GAMEDAY_RUN_MINUTES * 60;

/**
 * Container environment of a scheduled run: the stack, and on aws the S3 folder earlier reports are
 * read from (for `--fail-on-regression` and `chaos history`) and the new ones written to.
 */
export function gamedayTaskEnvironment(stack: string, reportsS3Uri?: pulumi.Input<string>): { name: string; value: pulumi.Input<string> }[] {
    const environment: { name: string; value: pulumi.Input<string> }[] = [{ name: "GAMEDAY_STACK", value: stack }];
    return reportsS3Uri === undefined ? environment : [...environment, { name: "GAMEDAY_REPORTS_S3_URI", value: reportsS3Uri }];
}

/**
 * Extra `chaos gameday` arguments: a production stack must be named with `--allow-production` (the
 * suite refuses it otherwise); declaring its schedule in the stack file is that deliberate act.
 */
export function gamedayTaskArguments(stack: string, production: boolean): string[] {
    return production ? ["--allow-production", stack] : [];
}
