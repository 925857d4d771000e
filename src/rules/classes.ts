/** Operand classes a structured rule names with `@` (`operand: ['@wipe-target']`). */
export interface Operand {
  /** The word, quotes removed. */
  value: string;
  /** The word with expansions as markers (shell/markers.ts). */
  shape: string;
}

const HARMLESS_DEVICES = /^\/dev\/(?:null|zero|full|u?random|stdin|stdout|stderr|tty\w*|fd\/|pts\/|shm\/)/;
const isDevice = (value: string) => value.startsWith('/dev/') && value.length > 5 && !HARMLESS_DEVICES.test(value);

export const CLASSES: Record<string, (o: Operand) => boolean> = {
  /**
   * Everything at once: `/`, `/*`, `~`, `~user`, `*`, `.*`, `.`, `./`, `..`, `../..`, `./*`, or a
   * value nobody checked (`$VAR`, `"$DIR"/*`, `$(pwd)`, xargs' input); not a named path
   * (`./build`, `"$DIR/build"`) or a guarded variable (`${DIR:?}`).
   */
  'wipe-target': ({ shape }) =>
    // biome-ignore lint/suspicious/noControlCharactersInRegex: \0 and \u0002 are the shape's placeholders for unchecked values
    /^(?:\/+(?:\.?\*+|\.)?|(?:~(?:[+-]|[A-Za-z_][\w.-]*)?|[\0\u0002])(?:\/+(?:\.?\*+|\.)?)?|(?:\.{1,2}\/+)*(?:\.{1,2}\/*|\.?\*+))$/.test(shape),
  /** A block device or partition (`/dev/sda`, `/dev/nvme0n1p1`), not /dev/null, /dev/zero or a tty. */
  device: ({ value }) => isDevice(value),
  /** dd's output going to a device: `of=/dev/sda`. */
  'device-output': ({ value }) => value.startsWith('of=') && isDevice(value.slice(3)),
};

export const OPERAND_CLASSES = Object.keys(CLASSES);
