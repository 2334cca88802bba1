import { DEFAULT_CELL_NAME } from "../defaults";
import type { CellSpec, DatabaseSpec } from "../model";
import { Fields, identifier, maxLength, readList, rejectDuplicateNames, resourceName } from "../read";

const PATH = "resilience:cells";

export function readCells(raw: unknown, database: DatabaseSpec): readonly CellSpec[] {
    const fallback: CellSpec[] = [{ name: DEFAULT_CELL_NAME, database: database.databaseName }];
    const cells = readList(
        PATH,
        raw,
        fallback,
        (path, item) => {
            const f = Fields.of(path, item);
            const cell = {
                name: f.requiredString("name", resourceName, maxLength(63)),
                database: f.string("database", database.databaseName, ...identifier),
            };
            f.end();
            return cell;
        },
        1,
    );
    rejectDuplicateNames(PATH, cells.map((c) => c.name), "cell");
    return cells;
}
