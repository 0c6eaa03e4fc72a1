/** The shape every language's messages share: English's keys, any text. */
export type Messages<Tree> = {
  [Key in keyof Tree]: Tree[Key] extends string ? string : Messages<Tree[Key]>;
};
