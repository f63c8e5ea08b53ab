// Dense rows as bands: neighbouring columns drawn alike merge into one rectangle, so a steady stretch costs one shape.
import { PLOT_WIDTH, type TimelineColor } from './layout.js';
import { PathSet } from './svg.js';

/** The columns drawn with one colour at one top and height. */
interface Band {
  readonly color: TimelineColor;
  readonly top: number;
  readonly height: number;
  readonly columns: number[];
}

/** Column rectangles of a dense row, merged into bands when rendered. */
export class BandSet {
  readonly #pxPerColumn: number;
  // By colour, then by top and height; both in first-use order, which is the order the rectangles come out in.
  readonly #bands = new Map<TimelineColor, Map<string, Band>>();

  constructor(pxPerColumn: number) {
    this.#pxPerColumn = pxPerColumn;
  }

  add(color: TimelineColor, column: number, top: number, height: number): void {
    let byShape = this.#bands.get(color);
    if (!byShape) {
      byShape = new Map();
      this.#bands.set(color, byShape);
    }
    const key = `${top} ${height}`;
    const band = byShape.get(key);
    if (band) band.columns.push(column);
    else byShape.set(key, { color, top, height, columns: [column] });
  }

  /** The bands as paths, the plot starting at `left`. */
  render(left: number): string {
    const paths = new PathSet();
    for (const byShape of this.#bands.values()) for (const band of byShape.values()) this.#merge(band, left, paths);
    return paths.render();
  }

  #merge(band: Band, left: number, paths: PathSet): void {
    const { columns } = band;
    // Columns come in ascending order from time-ordered cycles, where this sort is one linear pass.
    columns.sort((a, b) => a - b);
    let start = columns[0]!;
    let previous = start;
    for (let index = 1; index <= columns.length; index += 1) {
      const column = index < columns.length ? columns[index]! : Infinity;
      if (column === previous + 1) {
        previous = column;
        continue;
      }
      const x = start * this.#pxPerColumn;
      const width = Math.min((previous - start + 1) * this.#pxPerColumn, PLOT_WIDTH - x);
      paths.rect(band.color, left + x, band.top, width, band.height);
      start = column;
      previous = column;
    }
  }
}
