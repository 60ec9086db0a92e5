// Builds frontend/dist/: casereview.css (Sass), govuk-frontend.min.js, casereview.js (with
// report-autosave.js), assets/.
// Run with `npm ci && npm run build`. dist/ is not committed; WhiteNoise serves it at /static/.
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
const govuk = join(here, "node_modules", "govuk-frontend", "dist", "govuk");

await rm(dist, { recursive: true, force: true });
await mkdir(join(dist, "assets"), { recursive: true });

const result = sass.compile(join(here, "src", "casereview.scss"), {
  importers: [new sass.NodePackageImporter(here)],
  style: "compressed",
  quietDeps: true,
});
if (/GDS Transport|\/fonts\//.test(result.css)) {
  throw new Error("casereview.css must not reference GDS Transport or its font files");
}
await writeFile(join(dist, "casereview.css"), result.css + "\n");

await cp(join(govuk, "govuk-frontend.min.js"), join(dist, "govuk-frontend.min.js"));
await cp(join(here, "src", "report-autosave.js"), join(dist, "report-autosave.js"));
await writeFile(
  join(dist, "casereview.js"),
  [
    "// Starts GOV.UK Frontend's components (error summary focus, notification banners, menus).",
    'import { initAll } from "./govuk-frontend.min.js";',
    'import { initReportAutosave } from "./report-autosave.js";',
    "",
    "initAll();",
    "initReportAutosave();",
    "",
  ].join("\n"),
);

// Images and manifest only: the GDS Transport fonts are deliberately left out.
await cp(join(govuk, "assets", "images"), join(dist, "assets", "images"), { recursive: true });
await cp(join(govuk, "assets", "manifest.json"), join(dist, "assets", "manifest.json"));
// casereview's own favicon: the package's favicons are the crown, which this service must not use.
await cp(join(here, "src", "casereview-icon.svg"), join(dist, "assets", "images", "casereview-icon.svg"));

console.log(`built ${dist}`);
