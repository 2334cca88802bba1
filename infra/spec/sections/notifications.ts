import { fail } from "../errors";
import type { NotificationsSpec, Platform } from "../model";
import { Fields, readRequiredString, show } from "../read";
import { SecretValue, isSecureMarker } from "../secret";

const PATH = "resilience:notifications";

/**
 * `decrypted`: the Pulumi engine handed this key over as a secret with clear text inside; the only
 * field allowed to be secret is `webhookUrl`, so that is the one kept opaque.
 */
export function readNotifications(raw: unknown, platform: Platform, decrypted: boolean): NotificationsSpec {
    const f = Fields.of(PATH, raw, ["emails", "webhookUrl"]);
    const emails = f.stringList("emails", [], { rules: [(v) => (v.includes("@") ? undefined : `must contain @, got ${show(v)}`)] });
    const webhookUrl = readWebhookUrl(f.at("webhookUrl"), f.value("webhookUrl"), platform, decrypted);
    if (decrypted && !(webhookUrl instanceof SecretValue)) {
        fail(PATH, "only webhookUrl may be a secret");
    }
    return { emails, webhookUrl };
}

function readWebhookUrl(path: string, raw: unknown, platform: Platform, decrypted: boolean): string | SecretValue | null {
    if (raw === undefined || raw === null) {
        return null;
    }
    if (isSecureMarker(raw)) {
        return SecretValue.encrypted(); // the ciphertext cannot be checked, and is not kept
    }
    const url = readRequiredString(path, raw);
    if (!isAllowedUrl(url, platform)) {
        // Never echo a secret's clear text into an error message.
        fail(path, `must start with https:// (or http://127.0.0.1 on platform local), got ${decrypted ? "[secret]" : show(url)}`);
    }
    return decrypted ? SecretValue.decrypted(url) : url;
}

function isAllowedUrl(url: string, platform: Platform): boolean {
    return url.startsWith("https://") || (platform === "local" && url.startsWith("http://127.0.0.1"));
}
