import { fail } from "../errors";
import type { NotificationsSpec } from "../model";
import { Fields, isAbsent, readRequiredString, show } from "../read";
import { SecretValue, isSecureMarker } from "../secret";

const PATH = "resilience:notifications";

/**
 * `decrypted`: the Pulumi engine handed this key over as a secret with clear text inside; the only
 * field allowed to be secret is `webhookUrl`, so that is the one kept opaque.
 */
export function readNotifications(raw: unknown, decrypted: boolean): NotificationsSpec {
    const f = Fields.of(PATH, raw);
    const emails = f.stringList("emails", [], { rules: [(v) => (v.includes("@") ? undefined : `must contain @, got ${show(v)}`)] });
    const webhookUrl = readWebhookUrl(f.at("webhookUrl"), f.value("webhookUrl"), decrypted);
    f.end();
    if (decrypted && !(webhookUrl instanceof SecretValue)) {
        fail(PATH, "only webhookUrl may be a secret");
    }
    return { emails, webhookUrl };
}

function readWebhookUrl(path: string, raw: unknown, decrypted: boolean): string | SecretValue | null {
    if (isAbsent(raw)) {
        return null;
    }
    if (isSecureMarker(raw)) {
        return SecretValue.encrypted(); // the ciphertext cannot be checked, and is not kept
    }
    const url = readRequiredString(path, raw);
    if (!isAllowedUrl(url)) {
        // Never echo a secret's clear text into an error message.
        fail(path, `must start with https:// (or http://127.0.0.1 for a local receiver), got ${decrypted ? "[secret]" : show(url)}`);
    }
    return decrypted ? SecretValue.decrypted(url) : url;
}

/** Plain http only to this machine (a local test receiver), as the C# reader allows. */
function isAllowedUrl(url: string): boolean {
    return url.startsWith("https://") || url.startsWith("http://127.0.0.1") || url.startsWith("http://localhost");
}
