import { DEFAULT_CELL_NAME } from "../defaults";
import type { CellSpec, DatabaseSpec } from "../model";
import { Fields, identifier, readList, resourceName, show } from "../read";

const PATH = "resilience:cells";

export function readCells(raw: unknown, database: DatabaseSpec): readonly CellSpec[] {
    const names: string[] = [];
    const fallback: CellSpec[] = [{ name: DEFAULT_CELL_NAME, database: database.databaseName }];
    return readList(
        PATH,
        raw,
        fallback,
        (path, item) => {
            const f = Fields.of(path, item, ["name", "database"]);
            const name = f.requiredString("name", resourceName, (v) => (names.includes(v) ? `duplicate cell name ${show(v)}` : undefined));
            names.push(name);
            return { name, database: f.string("database", database.databaseName, ...identifier) };
        },
        1,
    );
}
