/** Characters that stand for expansions in a word's shape (see shell/commands.ts). */
/** An expansion the guard cannot know (`$DIR`, an xargs input). */
export const UNKNOWN = '\u0000';
/** A guarded expansion that stops on empty (`${DIR:?}`). */
export const GUARDED = '\u0001';
/** A command substitution (`$(pwd)`). */
export const SUBSTITUTED = '\u0002';
