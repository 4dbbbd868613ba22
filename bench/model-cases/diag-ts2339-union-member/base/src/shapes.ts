export interface Circle {
  readonly kind: "circle";
  readonly radius: number;
}

export interface Square {
  readonly kind: "square";
  readonly side: number;
}

export type Shape = Circle | Square;
